-- wrk script for the engine benchmark: the same messages engine-bench.ts sends with autocannon
-- (its authors, Twitter mentions and DMs, Facebook comments, its texts, which match a rule or none),
-- each with a platform message id of its own. Prints the figures as one JSON line at the end.
-- engine-bench.ts hands over the texts (one a line, in BENCH_TEXTS) and the number of authors.
local TEXTS = {}
for text in string.gmatch(os.getenv('BENCH_TEXTS') or 'hello', '[^\n]+') do TEXTS[#TEXTS + 1] = text end
local AUTHORS = tonumber(os.getenv('BENCH_AUTHORS') or '5000')
local run = os.getenv('BENCH_RUN') or tostring(os.time())
local headers = { ['Content-Type'] = 'application/json' }
local sequence = 0

request = function()
  sequence = sequence + 1
  local author = sequence % AUTHORS
  local text = TEXTS[(sequence % #TEXTS) + 1]
  local body
  if sequence % 4 == 0 then
    body = string.format(
      '{"channel":"facebook","visibility":"public","kind":"comment","account":"acme-facebook","author":{"id":"fb-%d","name":"Customer %d"},"text":"%s","replyTarget":{"kind":"comment","id":"c-%d"},"platformMessageId":"bench-fb-%s-%d"}',
      author, author, text, sequence, run, sequence)
  else
    local dm = sequence % 7 == 0
    body = string.format(
      '{"channel":"twitter","visibility":"%s","kind":"%s","account":"acme-twitter","author":{"id":"tw-%d","handle":"customer%d","name":"Customer %d"},"text":"@AcmeCare %s","replyTarget":{"kind":"tweet","id":"t-%d"},"platformMessageId":"bench-tw-%s-%d"}',
      dm and 'private' or 'public', dm and 'dm' or 'mention', author, author, author, text, sequence, run, sequence)
  end
  return wrk.format('POST', '/api/messages', headers, body)
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"non2xx":%d,"errors":%d,"timeouts":%d,"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f}\n',
    summary.requests, summary.duration, errors.status, errors.connect + errors.read + errors.write, errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
