import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { callRecorder, type RecordedCall } from '../tests/support/dynamo-calls.ts';
import type { capacityMeter } from './capacity-meter.ts';
import { ms, ratio, table } from './markdown.ts';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';

export { callRecorder, type RecordedCall };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one table of every command class, each with its own input type
const COMMANDS: Record<string, new (input: any) => any> = {
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  DeleteItemCommand,
  QueryCommand,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
};

/** The input with one table name swapped for another, wherever it appears (as a value or a key). */
function onTable(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => onTable(v, from, to));
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k === from ? to : k, onTable(v, from, to)]));
  }
  return value;
}

/**
 * Issues recorded calls again, one after the other, straight through a plain client, on another
 * table (a copy of the app's table as it was before the run, so conditions and reads behave the
 * same). Failed conditions are part of the call, not an error of the replay.
 */
export async function replay(client: DynamoDBClient, calls: RecordedCall[], fromTable: string, toTable: string): Promise<number> {
  const t0 = performance.now();
  for (const call of calls) {
    const Command = COMMANDS[call.command];
    if (!Command) throw new Error(`replay: no command ${call.command}`);
    try {
      await client.send(new Command(onTable(call.input, fromTable, toTable)));
    } catch (error) {
      const name = (error as Error).name;
      if (name !== 'ConditionalCheckFailedException' && name !== 'TransactionCanceledException') throw error;
    }
  }
  return performance.now() - t0;
}

/** Calls per request by operation, e.g. "GetItem 1, UpdateItem 1, TransactWriteItems 1". */
export function describeCalls(perRequest: RecordedCall[][]): { total: number; byCommand: Record<string, number> } {
  const byCommand: Record<string, number> = {};
  for (const calls of perRequest) for (const c of calls) byCommand[c.command.replace(/Command$/, '')] = (byCommand[c.command.replace(/Command$/, '')] ?? 0) + 1;
  for (const k of Object.keys(byCommand)) byCommand[k] = byCommand[k]! / perRequest.length;
  return { total: Object.values(byCommand).reduce((s, n) => s + n, 0), byCommand };
}

/** Copies every item of one table into another (made from the same definition) before a run. */
export async function copyTable(client: DynamoDBClient, from: string, to: string): Promise<void> {
  const { ScanCommand } = await import('@aws-sdk/client-dynamodb');
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: from, ExclusiveStartKey: start as never }));
    for (const item of page.Items ?? []) await client.send(new PutItemCommand({ TableName: to, Item: item }));
    start = page.LastEvaluatedKey;
  } while (start);
}

export interface RouteVsRaw {
  endpointMs: number[];
  rawMs: number[];
  calls: RecordedCall[][];
}

/**
 * A route against the DynamoDB calls it makes, interleaved so both see the same (shared) machine:
 * each request through the app is followed by its own recorded calls replayed directly on the
 * copy table. `send` makes one request and returns its time in ms (what it times is the route's).
 */
export async function routeVsRaw(options: {
  runs: number;
  warmup: number;
  send: () => Promise<number>;
  recorder: ReturnType<typeof callRecorder>;
  client: DynamoDBClient;
  fromTable: string;
  toTable: string;
}): Promise<RouteVsRaw> {
  const result: RouteVsRaw = { endpointMs: [], rawMs: [], calls: [] };
  for (let i = 0; i < options.warmup + options.runs; i += 1) {
    options.recorder.take();
    const endpoint = await options.send();
    const calls = options.recorder.take();
    const raw = await replay(options.client, calls, options.fromTable, options.toTable);
    if (i < options.warmup) continue;
    result.endpointMs.push(endpoint);
    result.rawMs.push(raw);
    result.calls.push(calls);
  }
  return result;
}

const percentileOf = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** The figures of one route: p50/p95 of the route and of its raw calls, their ratio, round trips. */
export function summarise(run: RouteVsRaw) {
  const { total, byCommand } = describeCalls(run.calls);
  const p50 = percentileOf(run.endpointMs, 0.5);
  const rawP50 = percentileOf(run.rawMs, 0.5);
  return {
    p50,
    p95: percentileOf(run.endpointMs, 0.95),
    rawP50,
    rawP95: percentileOf(run.rawMs, 0.95),
    ratio: p50 / rawP50,
    roundTrips: total,
    calls: Object.entries(byCommand)
      .map(([command, n]) => `${command} ${Number.isInteger(n) ? n : n.toFixed(2)}`)
      .join(', '),
  };
}
export type RouteFigures = ReturnType<typeof summarise>;

/** A route's figures against its own raw calls, as one table row each. */
export function routeTable(routes: ({ route: string } & RouteFigures)[]): string {
  return table(
    ['route', 'p50', 'p95', 'its raw DynamoDB calls, p50', 'ratio (p50)', 'DynamoDB round trips per request'],
    routes.map((f) => [f.route, ms(f.p50, 2), ms(f.p95, 2), ms(f.rawP50, 2), ratio(f.ratio), `${f.roundTrips.toFixed(1)} (${f.calls})`]),
    ['l', 'r', 'r', 'r', 'r', 'l'],
  );
}

/** One route's figures with what it cost DynamoDB per request (as DynamoDB Local reports it). */
export type MeteredRoute = { route: string } & RouteFigures & { wcu: number; rcu: number; items: number; operations: OperationUnits[] };

/** Calls, write and read units of one operation, per request. */
export type OperationUnits = { op: string; calls: number; wcu: number; rcu: number };

export const sumUnits = (rows: { wcu: number; rcu: number }[], key: 'wcu' | 'rcu') => rows.reduce((total, r) => total + r[key], 0);

export interface MeteredRunOptions {
  runs: number;
  warmup: number;
  recorder: ReturnType<typeof callRecorder>;
  meter: ReturnType<typeof capacityMeter>;
  client: DynamoDBClient;
  fromTable: string;
  toTable: string;
}

/**
 * Routes against their own raw calls, interleaved request by request (route 1, route 2, ... then
 * again), so every route sees the same moment of a shared machine and of DynamoDB Local warming
 * up: the fair way to compare a first submission with a repeat. Runs on a fresh copy of the app's
 * table (the raw side replays on the table as the app saw it, earlier submissions included, and
 * then gets every replayed write too). Metered per route: write and read units and transaction
 * items per request. `send(i)` makes the route's i-th request and returns its time in ms.
 */
export async function meteredRoutes(routes: { route: string; send: (i: number) => Promise<number> }[], options: MeteredRunOptions): Promise<MeteredRoute[]> {
  const { runs, warmup, recorder, meter, client, fromTable, toTable } = options;
  await copyTable(client, fromTable, toTable);
  const results = routes.map((): RouteVsRaw => ({ endpointMs: [], rawMs: [], calls: [] }));
  const units = routes.map(() => ({ wcu: 0, rcu: 0, items: 0, operations: new Map<string, OperationUnits>() }));
  for (let i = 0; i < warmup + runs; i += 1) {
    for (const [j, route] of routes.entries()) {
      recorder.take();
      meter.reset();
      const endpoint = await route.send(i);
      const calls = recorder.take();
      const used = meter.perRequest(1);
      units[j]!.wcu += sumUnits(used, 'wcu');
      units[j]!.rcu += sumUnits(used, 'rcu');
      units[j]!.items += meter.transactItems();
      for (const u of used) {
        const sum = units[j]!.operations.get(u.op) ?? { op: u.op, calls: 0, wcu: 0, rcu: 0 };
        units[j]!.operations.set(u.op, { op: u.op, calls: sum.calls + u.calls, wcu: sum.wcu + u.wcu, rcu: sum.rcu + u.rcu });
      }
      const raw = await replay(client, calls, fromTable, toTable);
      if (i < warmup) continue;
      results[j]!.endpointMs.push(endpoint);
      results[j]!.rawMs.push(raw);
      results[j]!.calls.push(calls);
    }
  }
  const requests = runs + warmup;
  return routes.map((route, j) => ({
    route: route.route,
    ...summarise(results[j]!),
    wcu: units[j]!.wcu / requests,
    rcu: units[j]!.rcu / requests,
    items: units[j]!.items / requests,
    operations: [...units[j]!.operations.values()].map((u) => ({ op: u.op, calls: u.calls / requests, wcu: u.wcu / requests, rcu: u.rcu / requests })),
  }));
}

/** One route on its own, metered (see `meteredRoutes`). */
export async function meteredRoute(route: string, send: (i: number) => Promise<number>, options: MeteredRunOptions): Promise<MeteredRoute> {
  const [figures] = await meteredRoutes([{ route, send }], options);
  return figures!;
}

/** Routes with what each cost DynamoDB per request. */
export function meteredTable(routes: MeteredRoute[]): string {
  return table(
    ['route', 'p50', 'ratio to raw (p50)', 'round trips (operations)', 'WCU', 'RCU', 'transaction items per request'],
    routes.map((r) => [r.route, ms(r.p50, 2), ratio(r.ratio), `${r.roundTrips.toFixed(1)} (${r.calls})`, r.wcu.toFixed(1), r.rcu.toFixed(1), r.items.toFixed(1)]),
    ['l', 'r', 'r', 'l', 'r', 'r', 'r'],
  );
}
