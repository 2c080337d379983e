-- wrk script: POST /api/tickets with a varied, realistic body (angry, neutral, Spanish), one JSON per request.
local bodies = {
  '{"subject":"Charged twice","body":"You charged my card twice this month and nobody answers. Refund me now!","customerEmail":"ana@example.com","channel":"email"}',
  '{"subject":"Login","body":"I forgot my password and the reset e-mail never arrives. Can you help?","channel":"web"}',
  '{"subject":"App crash","body":"The app crashes every time I open the reports page since the last update.","channel":"chat"}',
  '{"subject":"Factura","body":"Me cobraron dos veces la factura de noviembre, necesito el reembolso urgente.","channel":"email"}',
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/api/tickets", { ["Content-Type"] = "application/json" }, bodies[(i % #bodies) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors, summary.errors.status))
end
