# Konkurs: the two commands a newcomer needs are `make run` and `make test`.
.DEFAULT_GOAL := help
.PHONY: help run test test-swift test-e2e build deps clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

run: ## Run the service on the embedded PostgreSQL (./.konkurs/pgdata) and print its URL
	@scripts/run.sh

test: ## Run all tests: Swift tests of every layer, then the browser and API-fuzz suite
	@scripts/test.sh

test-swift: ## Run only the Swift tests
	@scripts/test.sh --swift-only

test-e2e: ## Run only the browser and API-fuzz suite (builds the service first)
	@scripts/test.sh --e2e-only

build: ## Build the service (debug)
	@scripts/ensure-deps.sh && swift build --product konkurs

deps: ## Install what is missing: PostgreSQL, Chromium and its driver, the Python test environment
	@scripts/ensure-deps.sh --browser

clean: ## Remove build products (keeps the data in .konkurs/)
	rm -rf .build Tests/E2E/.venv Tests/E2E/artifacts
