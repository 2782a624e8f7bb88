# From Formula to Keras: every target makes (or reuses) .venv from requirements.txt.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NB     ?= notebooks/*.ipynb

# Same quiet, deterministic TensorFlow for every target (the notebooks set these too).
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS ?= 0
export PYTHONHASHSEED := 0
export MPLBACKEND := module://matplotlib_inline.backend_inline

# The whole suite: nbval (strict, every stored output compared) over the chapters, plus tests/.
NBVAL = --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider
SUITE = -m pytest tests notebooks --ignore=tests/site $(NBVAL)

.PHONY: venv book test lab execute bench assignment student autograde test-site determinism \
        test-numerics test-config test-gpu format test-offline test-latest clean

venv: $(STAMP)
$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

book: $(STAMP)  ## build the website into _build/html (warnings are errors)
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going

test: $(STAMP)  ## nbval over every notebook, the structure, student and offline tests
	$(BIN)/python $(SUITE)

lab: $(STAMP)  ## work on the chapters in JupyterLab
	$(BIN)/jupyter lab notebooks

execute: $(STAMP)  ## re-run notebooks in place, top to bottom, fresh kernel each (NB=... for one)
	$(BIN)/python tests/run_notebooks.py execute $(wildcard $(NB))

bench: $(STAMP)  ## time each notebook on this machine (writes nothing)
	$(BIN)/python tests/run_notebooks.py bench $(wildcard $(NB))

# The classroom (nbgrader; configuration in nbgrader_config.py). The course directory is COURSE:
# _build by default; keep a real course's gradebook elsewhere (make clean deletes _build).
COURSE ?= _build
export FFK_COURSE := $(abspath $(COURSE))

assignment: $(STAMP)  ## nbgrader's release (student edition) of every chapter: COURSE/release/NN_topic/
	$(BIN)/python tests/classroom.py assignment

student: assignment  ## the student edition: the same release as make assignment

autograde: $(STAMP)  ## grade SUBMISSIONS=<dir>/<student>/<NN_topic>/<NN_topic>.ipynb: COURSE/grades.csv
	@test -n "$(SUBMISSIONS)" || { echo "usage: make autograde SUBMISSIONS=<dir>"; exit 2; }
	$(BIN)/python tests/classroom.py autograde "$(SUBMISSIONS)"

test-site: book  ## the website in headless Chromium; screenshots in _build/screenshots
	@command -v chromium >/dev/null || { echo "needs Debian's chromium: apt-get install chromium"; exit 1; }
	$(BIN)/python -m pytest tests/site -p no:cacheprovider

determinism: $(STAMP)  ## re-execute every chapter in place; no stored text output may change
	@git diff --quiet -- notebooks || { echo "notebooks/ has uncommitted changes"; exit 1; }
	$(MAKE) execute
	git diff --stat -- notebooks
	$(BIN)/python tests/run_notebooks.py compare $(wildcard $(NB))
	git checkout -- notebooks

# One configuration of the arithmetic: THREADS intra-op threads, oneDNN ONEDNN (0 or 1).
THREADS ?= 8
ONEDNN  ?= 1
test-config: $(STAMP)  ## nbval (strict) over the chapters with THREADS threads and oneDNN ONEDNN
	TF_ENABLE_ONEDNN_OPTS=$(ONEDNN) TF_NUM_INTRAOP_THREADS=$(THREADS) OMP_NUM_THREADS=$(THREADS) \
	  $(BIN)/python -m pytest notebooks $(NBVAL)

test-numerics: $(STAMP)  ## nbval at 1, 2, 4 and 8 intra-op threads, oneDNN on and off (8 runs)
	@for t in 1 2 4 8; do for o in 0 1; do \
	  echo "== $$t intra-op threads, oneDNN $$o"; \
	  $(MAKE) --no-print-directory test-config THREADS=$$t ONEDNN=$$o || exit 1; \
	done; done

test-gpu: $(STAMP)  ## the suite on a machine with a GPU (strict: the ≈ rule masks what the GPU changes)
	$(BIN)/python -c "import tensorflow as tf; gpus = tf.config.list_physical_devices('GPU'); \
	  assert gpus, 'no GPU visible to TensorFlow'; print('GPUs:', gpus)"
	TF_FORCE_GPU_ALLOW_GROWTH=true $(BIN)/python $(SUITE)

format: $(STAMP)  ## ruff's formatter (line length 88) over the chapters' code cells
	$(BIN)/ruff format --line-length 88 notebooks

test-offline: $(STAMP)  ## the whole suite in a network namespace with no network at all (root)
	unshare -n sh -c 'ip link set lo up && $(BIN)/python $(SUITE)'

test-latest:  ## the suite in a fresh venv with the newest releases (where Colab is heading)
	rm -rf .venv-latest && $(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade pip
	.venv-latest/bin/python -m pip install --quiet -r tests/requirements-latest.txt
	.venv-latest/bin/python -m pip freeze | grep -iE '^(tensorflow|keras|numpy|matplotlib|scikit-learn)=='
	.venv-latest/bin/python $(SUITE)

clean:
	rm -rf _build .pytest_cache .venv-latest
	find . -name .ipynb_checkpoints -prune -exec rm -rf {} +
