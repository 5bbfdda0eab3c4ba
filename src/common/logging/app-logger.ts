import { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import pretty from 'pino-pretty';

/** Nest's start-up chatter (modules loaded, every route mapped): shown only with LOG_LEVEL=debug. */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

let destination: { flushSync(): void; write(text: string): boolean } | undefined;

/**
 * The process's one logger: JSON lines when stdout is not a terminal (for a log collector),
 * readable lines when it is. JSON lines are written asynchronously (a synchronous write per
 * request cost about a tenth of a cheap request's throughput); flushLogs() writes out what is
 * pending before the process writes to stdout itself or exits.
 */
export function createPino(level: 'info' | 'debug', tty = process.stdout.isTTY === true): Pino {
  const options = { level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  if (tty) return pino(options, pretty({ sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid' }));
  const stream = pino.destination({ dest: 1, sync: false });
  destination = stream;
  return pino(options, stream);
}

/** Writes out the log lines still pending, so what follows on stdout comes after them. */
export function flushLogs(): void {
  try {
    destination?.flushSync();
  } catch {
    // Nothing written yet (the stream is still opening): nothing to flush.
  }
}

/**
 * Writes `text` to stdout after every log line before it. Through the log's own stream when it has
 * one: flushSync cannot order text behind a write the stream has already handed to the kernel
 * asynchronously, and a banner must not land above the log lines that precede it.
 */
export function writeAfterLogs(text: string): void {
  if (destination) destination.write(text);
  else process.stdout.write(text);
}

/** The first line of an error's stack: `Error: connect ECONNREFUSED 127.0.0.1:3306`. */
const causeOf = (stack: unknown): string | undefined =>
  typeof stack === 'string' ? stack.split('\n')[0].replace(/^\w*Error: /, '') : undefined;

/** Nest's logger interface over pino, with start-up lines quieted and retries kept to one line each. */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  log(message: unknown, context?: string): void {
    if (context && STARTUP_CONTEXTS.has(context)) this.pino.debug({ context }, String(message));
    else this.write('info', message, context);
  }

  error(message: unknown, stack?: unknown, context?: string): void {
    // A failed start: main.ts reports it, in one line.
    if (context === 'ExceptionHandler' || (context === 'NestApplication' && /^Error: listen /.test(String(message))))
      return void this.pino.debug({ context }, String(message));
    // TypeORM's connection retries: one line each, with the cause, not a stack trace per attempt.
    if (context === 'TypeOrmModule') return void this.pino.error({ context, cause: causeOf(stack) }, String(message));
    if (typeof stack === 'string' && stack.includes('\n')) return void this.pino.error({ context, stack }, String(message));
    this.write('error', message, context ?? (typeof stack === 'string' ? stack : undefined));
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: pino.Level, message: unknown, context?: string): void {
    if (message && typeof message === 'object') this.pino[level]({ context, ...message });
    else this.pino[level]({ context }, String(message));
  }
}
