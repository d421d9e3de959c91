# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
WAREHOUSE := data/warehouse.duckdb
PUBLISHED := data/published.duckdb
PORT ?= 8501

.PHONY: run test bench env clean

# uv itself lives in its own small venv so that `uv sync` can keep .venv exact.
$(UV):
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || { echo "make: $(PYTHON) cannot create a venv; on Debian/Ubuntu install python3-venv (apt-get install python3-venv)" >&2; exit 1; }
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(BIN)/examencijfers: $(UV) uv.lock pyproject.toml
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --quiet
	@touch $@

env: $(BIN)/examencijfers

$(PUBLISHED): | $(BIN)/examencijfers
	$(BIN)/examencijfers build --db $(WAREHOUSE)
	$(BIN)/examencijfers publish --db $(WAREHOUSE) --out $(PUBLISHED)

run: env $(PUBLISHED)
	$(BIN)/examencijfers serve --port $(PORT)

test: env
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# make bench: 1x, 10x and 100x (about 35 minutes on 2 cores); QUICK=1: 1x with fewer runs (about 3 minutes);
# SCALES=10x: the named scales. Results: benchmarks/results/ and the README's Performance section.
bench: env
	$(BIN)/examencijfers bench $(if $(QUICK),--quick,) $(if $(SCALES),--scales $(SCALES),)

clean:
	rm -rf $(VENV) $(TOOLS) $(WAREHOUSE) $(PUBLISHED)
