/**
 * Compile-time checks that what the gateway accepts and sends is what @slawatch/wire says
 * crosses the wire. The gateway keeps its own runtime validation (zod, with defaults and
 * bounds the wire package, which has no dependencies, cannot express); these checks make
 * `tsc` fail the day the two drift apart. Nothing here runs: the module only holds types.
 */
import type {
  CLOCK_KINDS,
  ClockKind,
  Dimension,
  DIMENSIONS,
  SURVEY_KINDS,
  SurveyKind,
} from '@slawatch/core';
import type * as wire from '@slawatch/wire';
import type * as z from 'zod';
import type { ClientMessageSchema, ErrorMessage } from './client-message.js';

/** Readonly all the way down, so a mutable zod output and a readonly wire type compare equal. */
type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** True only when A and B are the same type (not merely assignable: an extra optional field counts). */
type Same<A, B> =
  (<T>() => T extends DeepReadonly<A> ? 1 : 2) extends <T>() => T extends DeepReadonly<B> ? 1 : 2
    ? true
    : false;

type Holds<T extends true> = T;

/** The agreements; a `false` among them is a type error on its line. */
export type WireAgreement = [
  // Core's clock kinds, survey kinds and dimensions are the domain's; the wire keeps copies.
  Holds<Same<ClockKind, wire.ClockKind>>,
  Holds<Same<typeof CLOCK_KINDS, typeof wire.CLOCK_KINDS>>,
  Holds<Same<SurveyKind, wire.SurveyKind>>,
  Holds<Same<typeof SURVEY_KINDS, typeof wire.SURVEY_KINDS>>,
  Holds<Same<Dimension, wire.LiveDimension>>,
  Holds<Same<(typeof DIMENSIONS)[number], wire.LiveDimension>>,
  // What a client may send is exactly what the schema accepts before defaults fill it in.
  Holds<Same<z.input<ClientMessageSchema>, wire.LiveClientMessage>>,
  // The error answer is the wire's, with a code from the catalog.
  Holds<ErrorMessage extends wire.LiveErrorMessage ? true : false>,
];
