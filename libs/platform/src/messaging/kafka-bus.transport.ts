import { applyDecorators, ArgumentsHost, Catch, Controller, RpcExceptionFilter, UseFilters } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom, Observable, throwError } from 'rxjs';
import { MESSAGES, MessageOf, MessageType } from '@housef3/contracts';
import { KafkaBus } from './kafka-bus';

/**
 * A custom transport strategy of @nestjs/microservices over our Kafka adapter: message handlers
 * are `@EventPattern('<message type>')` methods of thin controllers, routed by the envelope's
 * type. Everything the bus does stays where it is: decoding and validation of every message,
 * retries of transient errors, dead letters, heartbeats while a handler runs, one consumer group
 * per service. The handler's error (with its retriable marker) reaches the bus unchanged.
 */
export class KafkaBusTransport extends Server implements CustomTransportStrategy {
  constructor(private readonly bus: KafkaBus) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const [pattern, handler] of this.messageHandlers) {
        if (!handler.isEventHandler) throw new Error(`${pattern}: only @EventPattern handlers are supported on Kafka (messages are events and commands, never request/reply)`);
        if (!(pattern in MESSAGES)) throw new Error(`@EventPattern('${pattern}') names no message type of the contracts registry`);
        this.bus.on<MessageType>(pattern as MessageType, async (message: MessageOf<MessageType>) => {
          const result = await handler(message);
          if (isObservable(result)) await lastValueFrom(result as Observable<unknown>, { defaultValue: undefined });
        });
      }
      await this.bus.start();
      callback();
    } catch (e) {
      callback(e);
    }
  }

  async close(): Promise<void> {
    await this.bus.stop();
  }

  /** No transport-level events to subscribe to: the bus reports through logs, metrics and health. */
  on(): void {
    return undefined;
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}

/**
 * Passes a handler's error through unchanged (Nest's default filter would replace it with a
 * generic "Internal server error" and lose its retriable marker).
 */
@Catch()
export class PassThroughRpcFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** A controller of message handlers (`@EventPattern` methods): the handlers' errors reach the bus as they were thrown. */
export const MessageController = () => applyDecorators(Controller(), UseFilters(new PassThroughRpcFilter()));
