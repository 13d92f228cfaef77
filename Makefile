# The two commands a new user needs:
#   make demo   installs dependencies, builds, runs the main job on the bundled example data
#   make test   installs dependencies, builds, runs every test (release, ASan+UBSan, fuzz smoke)
# Everything else here is a convenience for developers.

JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
CTEST_FLAGS ?= --output-on-failure -j $(JOBS)

.PHONY: all deps build demo test test-release test-asan test-fuzz bench slow-test clean format

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	scripts/demo.sh $(BUILD)/recount

test: test-release test-asan test-fuzz
	@echo "make test: all suites passed"

test-release: build
	cd $(BUILD) && ctest $(CTEST_FLAGS) -LE slow

test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRECOUNT_SANITIZE=ON -DRECOUNT_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest $(CTEST_FLAGS) -LE 'slow|e2e-release'

test-fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRECOUNT_FUZZ=ON -DRECOUNT_BENCH=OFF -DRECOUNT_TESTS=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers
	cd $(FUZZ_BUILD) && ctest $(CTEST_FLAGS) -L fuzz

slow-test: build
	cd $(BUILD) && ctest $(CTEST_FLAGS) -L slow

bench: build
	scripts/run-benchmarks.sh $(BUILD)

format:
	find src tools tests bench -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) demo-out
