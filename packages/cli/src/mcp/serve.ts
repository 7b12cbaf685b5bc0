/**
 * `hotpath mcp`: an MCP server (stdio, or Streamable HTTP on loopback with `--http`) whose tools read a
 * running program's metrics server. The SDK is imported only here, and this module only by `hotpath mcp`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Endpoint } from '../client/endpoint.js';
import {
  type Answer,
  channelLogs,
  futureCalls,
  type ListKind,
  lints,
  list,
  runtime,
  SORTABLE,
  status,
  streamLogs,
  ToolFailure,
} from './tools.js';

export interface McpOptions {
  endpoint: Endpoint;
  /** Serve Streamable HTTP on this loopback port instead of stdio; 0 picks a free one. */
  httpPort: number | null;
}

async function answer(run: () => Promise<Answer>): Promise<CallToolResult> {
  try {
    const { text, structured } = await run();
    return { content: [{ type: 'text', text }], structuredContent: structured };
  } catch (error) {
    // The reason, as the console's status line gives it: a tool error, never a crash of the server.
    const text = error instanceof ToolFailure ? error.message : `hotpath mcp: ${String(error)}`;
    return { content: [{ type: 'text', text }], isError: true };
  }
}

const limit = z.number().int().min(1).max(10_000).optional().describe('at most this many (default 50)');
const item = {
  id: z.number().int().min(0).optional().describe('the row id, as listed'),
  label: z.string().optional().describe('the exact label (the newest row with it), instead of id'),
  limit,
};

function build(endpoint: Endpoint): McpServer {
  const server = new McpServer({ name: 'hotpath', version: '0.1.0' });
  server.registerTool(
    'status',
    {
      description:
        "Whether the monitored program's metrics server answers: pid, uptime, how many channels, streams and futures.",
      inputSchema: {},
    },
    () => answer(() => status(endpoint)),
  );
  const lists: Record<ListKind, string> = {
    channels: 'Channels (queues, streams used as channels, ports, emitters): sent, received, queued, state.',
    streams: 'Streams (async iterables, ReadableStreams, Node readables, Observables): items yielded, state.',
    futures:
      'Futures (monitored async functions and promises): calls pending, resolved, rejected, cancelled.',
    functions: 'Timed functions and blocks (measure, @measure(), measureBlock): calls, errors, durations.',
    gauges: 'Gauges and logged values (gauge, val): current value, updates.',
  };
  for (const kind of Object.keys(lists) as ListKind[]) {
    const sortable = SORTABLE[kind] as [string, ...string[]];
    server.registerTool(
      kind,
      {
        description: lists[kind],
        inputSchema: {
          filter: z.string().optional().describe('keep rows whose label or call site contains this'),
          sort: z.enum(sortable).optional().describe('largest first by this field'),
          limit,
        },
      },
      (query) => answer(() => list(endpoint, kind, query)),
    );
  }
  server.registerTool(
    'runtime',
    {
      description:
        'The process: event-loop delay (p50, p99, max) and utilisation, heap, rss, GC by kind, loop stalls, and each worker thread.',
      inputSchema: {},
    },
    () => answer(() => runtime(endpoint)),
  );
  server.registerTool(
    'channel_logs',
    {
      description: "A channel's logged sends and receives (the channel needs log: true).",
      inputSchema: item,
    },
    (query) => answer(() => channelLogs(endpoint, query)),
  );
  server.registerTool(
    'stream_logs',
    { description: "A stream's logged items (the stream needs log: true).", inputSchema: item },
    (query) => answer(() => streamLogs(endpoint, query)),
  );
  server.registerTool(
    'future_calls',
    { description: "A future's recent calls and their states.", inputSchema: item },
    (query) => answer(() => futureCalls(endpoint, query)),
  );
  server.registerTool(
    'lints',
    {
      description:
        'What hotpath finds wrong now, per site row: channel-full (its consumer is the bottleneck), consumer-stalled, queue-growing, future-pending, future-lost, stream-unconsumed, loop-blocked, emitter-leak, pipeline-bottleneck (the slowest stage of a chain of rows); each with a message and since when.',
      inputSchema: {
        lint: z.string().optional().describe('only this lint (one of the names above)'),
        limit,
      },
    },
    (query) => answer(() => lints(endpoint, query)),
  );
  return server;
}

export async function runMcp(options: McpOptions): Promise<void> {
  if (options.httpPort === null) {
    const server = build(options.endpoint);
    await server.connect(new StdioServerTransport());
    // Runs until the client closes stdin.
    await new Promise<void>((resolve) => {
      server.server.onclose = resolve;
    });
    return;
  }
  await serveHttp(options.endpoint, options.httpPort);
}

/** Stateless Streamable HTTP: one server and transport per request, bound to loopback only. */
async function serveHttp(endpoint: Endpoint, port: number): Promise<void> {
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url !== '/mcp') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('hotpath mcp serves POST /mcp\n');
      return;
    }
    const server = build(endpoint);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      transport.close().catch(() => {});
      server.close().catch(() => {});
    });
    server
      .connect(transport)
      .then(() => transport.handleRequest(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`hotpath mcp: ${String(error)}\n`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', resolve);
  });
  const bound = http.address();
  const actual = typeof bound === 'object' && bound !== null ? bound.port : port;
  process.stderr.write(`hotpath mcp: Streamable HTTP on http://127.0.0.1:${actual}/mcp\n`);
  await new Promise<void>((resolve) => {
    const stop = () => http.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
