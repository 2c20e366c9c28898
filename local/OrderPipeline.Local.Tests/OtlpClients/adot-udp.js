'use strict';
// node adot-udp.js <host:port>: ADOT JavaScript's X-Ray UDP span exporter (OTLPUdpSpanExporter, what ADOT uses in
// Lambda) sending to the local X-Ray daemon: one sampled trace (trace.js) as T1S, then one span that was recorded but
// not sampled through ADOT's AwsBatchUnsampledSpanProcessor as T1U (Application Signals' path in Lambda).
// The package exports only ./register and ./lite, so the two classes are loaded from their files.
const path = require('path');
const api = require('@opentelemetry/api');
const { BasicTracerProvider, BatchSpanProcessor, SamplingDecision } = require('@opentelemetry/sdk-trace-base');
const { recordTrace } = require('./trace');

const adot = path.join(__dirname, 'node_modules', '@aws', 'aws-distro-opentelemetry-node-autoinstrumentation', 'build', 'src');
const { OTLPUdpSpanExporter } = require(path.join(adot, 'otlp-udp-exporter.js'));
const { AwsBatchUnsampledSpanProcessor } = require(path.join(adot, 'aws-batch-unsampled-span-processor.js'));

const endpoint = process.argv[2];

async function main() {
  await recordTrace('adot-udp-client', [new BatchSpanProcessor(new OTLPUdpSpanExporter(endpoint, 'T1S'))]);

  const recordOnly = { shouldSample: () => ({ decision: SamplingDecision.RECORD }), toString: () => 'RecordOnly' };
  const provider = new BasicTracerProvider({
    sampler: recordOnly,
    spanProcessors: [new AwsBatchUnsampledSpanProcessor(new OTLPUdpSpanExporter(endpoint, 'T1U'))],
  });
  const span = provider.getTracer('orderpipeline-foreign-client').startSpan('unsampled', { kind: api.SpanKind.SERVER });
  span.end();
  await provider.forceFlush();
  await provider.shutdown();
  process.stdout.write(JSON.stringify({ unsampledTraceId: span.spanContext().traceId }) + '\n');
}

main();
