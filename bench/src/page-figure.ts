import type { Page } from 'playwright-core';

/** What the page-side functions use of the DOM (bench is type-checked without it). */
interface PageGlobals {
  document: {
    body: object;
    querySelector(selector: string): { textContent: string | null } | null;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: object, options: Record<string, boolean>): void;
  };
  /** [Date.now(), figure] each time the figure's text changed, from `watch()`. */
  __seen?: [number, number][];
}

/**
 * One tile's figure in the wallboard page (`section.tile[data-metric=…] [data-value]`),
 * read as a count: "1,234" is 1234, "—" (nothing yet) is NaN. The functions handed to the
 * page are functions, never strings: the page's content security policy forbids eval.
 */
export class PageFigure {
  readonly selector: string;

  constructor(
    private readonly page: Page,
    metric: string,
  ) {
    this.selector = `section.tile[data-metric="${metric}"] [data-value]`;
  }

  /** The figure now. */
  read(): Promise<number> {
    return this.page.evaluate((selector) => {
      const text = (globalThis as unknown as PageGlobals).document.querySelector(
        selector,
      )?.textContent;
      const digits = (text ?? '').replace(/\D/g, '');
      return digits === '' ? NaN : Number(digits);
    }, this.selector);
  }

  /**
   * Resolves once the figure equals `want`, checked in the page at every animation frame.
   * It resolves in Node one CDP round trip after the page saw it.
   */
  async waitFor(want: number, timeoutMs: number): Promise<void> {
    await this.page.waitForFunction(
      ({ selector, want }) => {
        const text = (globalThis as unknown as PageGlobals).document.querySelector(
          selector,
        )?.textContent;
        return (text ?? '').replace(/\D/g, '') === String(want);
      },
      { selector: this.selector, want },
      { polling: 'raf', timeout: timeoutMs },
    );
  }

  /** Resolves once the figure is a number (the first metrics snapshot has been shown). */
  async waitForAny(timeoutMs: number): Promise<void> {
    await this.page.waitForFunction(
      (selector) => {
        const text = (globalThis as unknown as PageGlobals).document.querySelector(
          selector,
        )?.textContent;
        return /\d/.test(text ?? '');
      },
      this.selector,
      { polling: 'raf', timeout: timeoutMs },
    );
  }

  /**
   * Starts noting, in the page, the instant (the page's Date.now(), the machine's clock)
   * each new figure appears in the DOM: a MutationObserver over the whole body, whose
   * callback runs right after the render that changed it, before the frame is painted.
   */
  async watch(): Promise<void> {
    await this.page.evaluate((selector) => {
      const g = globalThis as unknown as PageGlobals;
      const seen: [number, number][] = [];
      g.__seen = seen;
      let last = '';
      const check = () => {
        const text = g.document.querySelector(selector)?.textContent ?? '';
        const digits = text.replace(/\D/g, '');
        if (digits === last || digits === '') return;
        last = digits;
        seen.push([Date.now(), Number(digits)]);
      };
      new g.MutationObserver(check).observe(g.document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
      check();
    }, this.selector);
  }

  /** What `watch()` noted so far: [instant, figure], oldest first. */
  seen(): Promise<[number, number][]> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__seen ?? []);
  }
}
