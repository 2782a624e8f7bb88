# From Formula to Keras: every target makes (or reuses) .venv from requirements.txt.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NB     ?= notebooks/*.ipynb

# Same quiet, deterministic TensorFlow for every target (the notebooks set these too).
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0
export PYTHONHASHSEED := 0
export MPLBACKEND := module://matplotlib_inline.backend_inline

.PHONY: venv book test lab execute bench clean

venv: $(STAMP)
$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

book: $(STAMP)  ## build the website into _build/html (warnings are errors)
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going

test: $(STAMP)  ## nbval (strict) over every notebook, plus the structure tests
	$(BIN)/python -m pytest tests notebooks --nbval --nbval-current-env \
	    --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

lab: $(STAMP)  ## work on the chapters in JupyterLab
	$(BIN)/jupyter lab notebooks

execute: $(STAMP)  ## re-run notebooks in place, top to bottom, fresh kernel each (NB=... for one)
	$(BIN)/python tests/run_notebooks.py execute $(wildcard $(NB))

bench: $(STAMP)  ## time each notebook on this machine (writes nothing)
	$(BIN)/python tests/run_notebooks.py bench $(wildcard $(NB))

clean:
	rm -rf _build .pytest_cache
	find . -name .ipynb_checkpoints -prune -exec rm -rf {} +
