# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install lint messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# The Nu HTML Checker for the suite's HTML test, from the npm registry (about 30 MB, so not in
# the repository). Without npm the test says how to get it; CI fails instead.
VNU_VERSION := 26.9.27
VNU := $(VENV)/vnu/vnu.jar
$(VNU): | $(STAMP)
	mkdir -p $(VENV)/vnu
	cd $(VENV)/vnu && npm pack --silent vnu-jar@$(VNU_VERSION) >/dev/null \
		&& tar -xzf vnu-jar-$(VNU_VERSION).tgz package/build/dist/vnu.jar \
		&& mv package/build/dist/vnu.jar vnu.jar && rm -rf package vnu-jar-$(VNU_VERSION).tgz \
		|| echo "vnu.jar could not be fetched from the npm registry: the HTML test will say so"

## Serve the site on SQLite with the demo data at http://127.0.0.1:8000
run: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py create_demo_admin
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

## Run the whole test suite (SQLite unless DATABASE_URL is set), one process per core
TEST_WORKERS ?= auto
test: $(STAMP) $(VNU)
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## Refresh the French translation catalogue (needs GNU gettext)
messages: $(STAMP)
	$(PY) manage.py makemessages --locale fr --ignore "$(VENV)/*" --ignore "staticfiles/*"
	$(PY) manage.py compilemessages --locale fr --ignore "$(VENV)/*"

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
