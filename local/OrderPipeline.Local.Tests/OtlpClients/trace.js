'use strict';
// One trace recorded through OpenTelemetry JS's own SDK, as the local stack's receivers are tested with it: a SERVER
// span, an AWS SDK CLIENT call under it, and a CONSUMER span under it with a link to an upstream trace, attributes,
// an exception event and an error status. Prints the ids as one JSON line for the .NET test to compare.
const api = require('@opentelemetry/api');
const { BasicTracerProvider } = require('@opentelemetry/sdk-trace-base');
const { resourceFromAttributes } = require('@opentelemetry/resources');

api.diag.setLogger(new api.DiagConsoleLogger(), api.DiagLogLevel.ERROR);

const upstream = { traceId: '5759e900aaaaaaaaaaaaaaaaaaaaaaaa', spanId: '1111222233334444', traceFlags: api.TraceFlags.SAMPLED };

/** Records the trace through `processors` under service `serviceName`, flushes, and prints its ids. */
async function recordTrace(serviceName, processors, options = {}) {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: processors,
    ...options,
  });
  const tracer = provider.getTracer('orderpipeline-foreign-client', '1.0.0');

  const server = tracer.startSpan('POST /orders', {
    kind: api.SpanKind.SERVER,
    attributes: { 'http.request.method': 'POST', 'url.full': 'http://127.0.0.1:3000/v1/orders', 'http.response.status_code': 202 },
  });
  const parent = api.trace.setSpan(api.context.active(), server);
  const client = tracer.startSpan('SQS.SendMessage', {
    kind: api.SpanKind.CLIENT,
    attributes: {
      'rpc.system': 'aws-api', 'rpc.service': 'SQS', 'rpc.method': 'SendMessage',
      'aws.queue_url': 'https://sqs.eu-west-1.amazonaws.com/000000000000/orders',
    },
  }, parent);
  client.end();
  const consumer = tracer.startSpan('orders process', {
    kind: api.SpanKind.CONSUMER,
    links: [{ context: upstream, attributes: { 'messaging.message.id': 'm-1' } }],
    attributes: { 'order.id': 'o-1', 'order.items': 3, 'aws.xray.annotations': ['order.id'] },
  }, parent);
  consumer.recordException(new TypeError('order o-1 is not valid'));
  consumer.setStatus({ code: api.SpanStatusCode.ERROR, message: 'order o-1 is not valid' });
  consumer.end();
  server.end();

  await provider.forceFlush();
  await provider.shutdown();
  const ids = (span) => span.spanContext().spanId;
  process.stdout.write(JSON.stringify({
    traceId: server.spanContext().traceId,
    server: ids(server),
    client: ids(client),
    consumer: ids(consumer),
    upstreamTraceId: upstream.traceId,
    upstreamSpanId: upstream.spanId,
  }) + '\n');
}

module.exports = { recordTrace };
