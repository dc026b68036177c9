// Validates and dispatches IPC messages. Pure (no Electron import): main.ts hands it the
// channel, the sender and the raw payload, and the tests do the same with fakes.
//
// Order of checks: known channel → sender is an app window allowed on this channel → payload
// matches the schema → handler → the handler's answer matches the response schema (a bug in
// main must not leak odd data to a page). Refusals are errors with a message naming the
// channel and the reason; they never reach a handler.
import { z } from 'zod';
import {
  INVOKE, SEND, type InvokeChannel, type InvokeRequest, type InvokeResponse, type SendChannel, type SendPayload,
  type WindowKind,
} from '../../contracts/ipc.ts';
import type { AppOrigin } from '../windows/pages.ts';
import { identifySender, type SenderInfo, type SenderRegistry } from './sender.ts';

export class IpcRefused extends Error {
  constructor(readonly channel: string, readonly reason: string) {
    super(`IPC ${channel} refused: ${reason}`);
    this.name = 'IpcRefused';
  }
}

export type InvokeHandlers = {
  [C in InvokeChannel]: (request: InvokeRequest<C>, from: WindowKind) => Promise<InvokeResponse<C>> | InvokeResponse<C>;
};

export type SendHandlers = {
  [C in SendChannel]: (payload: SendPayload<C>, from: WindowKind) => void;
};

export interface RouterContext {
  appOrigin: () => AppOrigin;
  registry: SenderRegistry;
}

function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(payload)'}: ${i.message}`).join('; ');
}

function checkSender(channel: string, from: readonly WindowKind[], sender: SenderInfo, ctx: RouterContext): WindowKind {
  const who = identifySender(sender, ctx.appOrigin(), ctx.registry);
  if (!who.ok) throw new IpcRefused(channel, who.reason);
  if (!from.includes(who.kind)) throw new IpcRefused(channel, `the ${who.kind} window may not use this channel`);
  return who.kind;
}

function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.hasOwn(INVOKE, channel);
}

function isSendChannel(channel: string): channel is SendChannel {
  return Object.hasOwn(SEND, channel);
}

export function createInvokeRouter(handlers: InvokeHandlers, ctx: RouterContext) {
  return async function handleInvoke(channel: string, sender: SenderInfo, payload: unknown): Promise<unknown> {
    if (!isInvokeChannel(channel)) throw new IpcRefused(channel, 'unknown channel');
    return dispatch(channel, sender, payload);
  };

  async function dispatch<C extends InvokeChannel>(channel: C, sender: SenderInfo, payload: unknown): Promise<InvokeResponse<C>> {
    const spec = INVOKE[channel];
    const from = checkSender(channel, spec.from, sender, ctx);
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) throw new IpcRefused(channel, `bad payload: ${describeZodError(parsed.error)}`);
    const handler = handlers[channel] as (r: InvokeRequest<C>, f: WindowKind) => Promise<InvokeResponse<C>> | InvokeResponse<C>;
    const answer = await handler(parsed.data as InvokeRequest<C>, from);
    const checked = spec.response.safeParse(answer);
    if (!checked.success) throw new Error(`IPC ${channel}: main produced an invalid answer: ${describeZodError(checked.error)}`);
    return checked.data as InvokeResponse<C>;
  }
}

/**
 * One-way messages. A refused message is reported through `onRefused` (logged by main) and
 * dropped: a sender of fire-and-forget messages gets no error channel.
 */
export function createSendRouter(handlers: SendHandlers, ctx: RouterContext, onRefused: (error: IpcRefused) => void) {
  return function handleSend(channel: string, sender: SenderInfo, payload: unknown): boolean {
    try {
      if (!isSendChannel(channel)) throw new IpcRefused(channel, 'unknown channel');
      const spec = SEND[channel];
      const from = checkSender(channel, spec.from, sender, ctx);
      const parsed = spec.payload.safeParse(payload);
      if (!parsed.success) throw new IpcRefused(channel, `bad payload: ${describeZodError(parsed.error)}`);
      handlers[channel](parsed.data, from);
      return true;
    } catch (error) {
      if (error instanceof IpcRefused) {
        onRefused(error);
        return false;
      }
      throw error;
    }
  };
}
