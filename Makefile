# Two commands for a fresh clone: `make demo` and `make test` (see README "Quick start").
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= kg-data
OUT    ?= demo

.PHONY: demo test lint typecheck unit venv clean compile

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
		{ echo "kg needs Python >= 3.10; set PYTHON=python3.11" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# the distribution was named kg before 0.1 (a name PyPI gives to another project)
	@$(BIN)/python -m pip uninstall --quiet --yes kg 2>/dev/null || true
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@$(BIN)/python -c "$$COMPILED_STATUS"
	touch $@

# Rebuild kg/extract's mypyc-compiled modules (hatch_build.py) after editing kg/extract/*.py;
# until then the edited modules run as pure Python (kg.extract logs a warning).
compile: venv
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@$(BIN)/python -c "$$COMPILED_STATUS"

define COMPILED_STATUS
import importlib
compiled = importlib.import_module("kg.extract").COMPILED
print("kg.extract:", "mypyc-compiled" if compiled else "pure Python (compilation failed: pip -v)")
endef
export COMPILED_STATUS

demo: venv
	$(BIN)/kg build data/samples --store $(STORE)
	$(BIN)/kg stats --store $(STORE)
	$(BIN)/kg query officials --store $(STORE)
	$(BIN)/kg query members --store $(STORE)
	$(BIN)/kg query office-holders --param office=mayorOf --param place=Depok --param date=2025-03-01 --store $(STORE)
	$(BIN)/kg export -f gexf -o $(OUT)/graph.gexf --store $(STORE)
	$(BIN)/kg analyze path "Bima Arya Sugiarto" "Bernadia Irawati Tjandradewi" --store $(STORE)
	$(BIN)/kg viz -o $(OUT)/graph.html --store $(STORE)
	@echo "browser view: $(abspath $(OUT)/graph.html)"

lint: venv
	$(BIN)/ruff format --check kg tests benchmarks scripts
	$(BIN)/ruff check kg tests benchmarks scripts

typecheck: venv
	$(BIN)/mypy

unit: venv
	$(BIN)/pytest -q

test: lint typecheck unit

clean:
	rm -rf $(VENV) $(STORE) $(OUT) .pytest_cache .mypy_cache .ruff_cache dist build
	rm -rf kg/extract/_compiled
