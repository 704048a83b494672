-- wrk script: POSTs the request bodies of BODIES (one "path<TAB>json" per line) round-robin,
-- then prints one JSON line with latency percentiles (ms), throughput and failed requests
-- (non-2xx answers, connection errors, timeouts).
local requests = {}
local index = 0

function init(args)
  for line in io.lines(os.getenv("BODIES")) do
    local path, body = line:match("^([^\t]+)\t(.*)$")
    requests[#requests + 1] = wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
  end
end

function request()
  index = index % #requests + 1
  return requests[index]
end

function done(summary, latency, requests_)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "rps": %.1f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "errors": %d}\n',
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
