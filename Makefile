# The two commands a new user needs:
#   make demo   installs dependencies, builds, runs the main job on the bundled example data
#   make test   installs dependencies, builds, runs every test: the end-to-end tests against the
#               release binary, then one clang build with ASan+UBSan that runs the unit tests, the
#               end-to-end tests again and a short libFuzzer smoke of each target
# Everything else here is a convenience for developers.

JOBS ?= $(shell nproc)
BUILD ?= build
SAN_BUILD ?= build-san
CTEST_FLAGS ?= --output-on-failure -j $(JOBS)
# Ninja for new build folders (it compiles a target's sources while the libraries it links are
# still being built, which make cannot); a folder configured earlier keeps its generator.
generator = "$(or $(shell sed -n 's/^CMAKE_GENERATOR:INTERNAL=//p' $(1)/CMakeCache.txt 2>/dev/null),Ninja)"
# Unity builds (CMake compiles each target's sources in batches of 8 as one translation unit):
# the standard, gtest, CLI11, JSON and Eigen headers are parsed once per batch instead of once per
# file, which cuts the clean sanitizer build about threefold (CI time). A name defined twice at
# file scope in one part (anonymous namespaces included) fails this build: give it a distinct
# name or share it through a header. `make UNITY=OFF ...` builds file by file (quicker rebuilds
# after editing one file).
UNITY ?= ON

.PHONY: all deps build demo test test-release test-sanitize bench clean format

all: build

deps:
	@scripts/install-deps.sh

# Release at -O2 without debug info: the same code as RelWithDebInfo, much cheaper to compile and
# link (CI time); configure another folder with RelWithDebInfo for profiling.
# Benchmarks are built in their own folder (`make bench`), not by `make build` / `make test`.
# The unit test programs are built and run in the sanitizer build (test-sanitize), not here: the
# release build holds the binary and its end-to-end tests (each unit test compiled once, CI time).
# For unit tests without sanitizers, configure a folder with -DRECOUNT_UNIT_TESTS=ON.
build: deps
	cmake -G $(call generator,$(BUILD)) -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DRECOUNT_BENCH=OFF -DRECOUNT_UNIT_TESTS=OFF \
	  -DCMAKE_UNITY_BUILD=$(UNITY)
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	scripts/demo.sh $(BUILD)/recount

test: test-release test-sanitize
	@echo "make test: all suites passed"

test-release: build
	cd $(BUILD) && ctest $(CTEST_FLAGS)

# Sanitizers and fuzzing share one build (clang, -O1, ASan+UBSan, libFuzzer coverage, line
# tables only: enough for symbolised reports, far cheaper to compile and link than -g): the
# unit and e2e tests run under the sanitizers, then every fuzz target for a short smoke time.
# e2e-release tests (long samplers, real Argon2id, SIGKILL timing) run in the release build only.
test-sanitize: deps
	CC=clang CXX=clang++ cmake -G $(call generator,$(SAN_BUILD)) -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only -DRECOUNT_SANITIZE=ON -DRECOUNT_FUZZ=ON -DRECOUNT_BENCH=OFF \
	  -DCMAKE_UNITY_BUILD=$(UNITY)
	cmake --build $(SAN_BUILD) -j $(JOBS)
	cd $(SAN_BUILD) && ctest $(CTEST_FLAGS) -LE e2e-release

# Builds the benchmark programs (bench/) in build-bench/; run them from there, e.g.
# build-bench/bench/bench_import, bench/web_load.sh build-bench/recount. Quote figures from an
# idle machine.
BENCH_BUILD ?= build-bench
bench: deps
	cmake -G $(call generator,$(BENCH_BUILD)) -S . -B $(BENCH_BUILD) -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
	  -DRECOUNT_BENCH=ON
	cmake --build $(BENCH_BUILD) -j $(JOBS)

format:
	find src tools tests bench -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(SAN_BUILD) demo-out
