'use strict';
// node otlp-http.js <proto|json> <url>: one trace (trace.js) through OpenTelemetry JS's OTLP/HTTP exporter,
// @opentelemetry/exporter-trace-otlp-proto (application/x-protobuf) or -otlp-http (application/json).
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { recordTrace } = require('./trace');

const [protocol, url] = process.argv.slice(2);
const { OTLPTraceExporter } = require(protocol === 'proto'
  ? '@opentelemetry/exporter-trace-otlp-proto'
  : '@opentelemetry/exporter-trace-otlp-http');

const exporter = new OTLPTraceExporter({ url });
const failures = [];
const export_ = exporter.export.bind(exporter);
exporter.export = (spans, done) => export_(spans, (result) => {
  if (result.code !== 0) failures.push(String(result.error));
  done(result);
});

recordTrace(`otlp-${protocol}-client`, [new BatchSpanProcessor(exporter)]).then(() => {
  if (failures.length > 0) {
    process.stderr.write(`export failed: ${failures.join('; ')}\n`);
    process.exit(1);
  }
});
