# recount_part(NAME DEPS <parts...> [PRIVATE_LIBS <libs...>] [PUBLIC_LIBS <libs...>]
#              [TEST_PROPERTIES <ctest property value...>])
#
# Declares the library recount_<NAME> from every .cc below src/<NAME>/ except *_test.cc and
# *_fuzz.cc, with include root src/. DEPS are other parts (the layer edges). Tests beside the code
# (*_test.cc) become one test program, recount_<NAME>_test, registered with CTest (when
# RECOUNT_UNIT_TESTS is on). Fuzz targets
# (*_fuzz.cc) are built when RECOUNT_FUZZ is on and run for a short smoke time under CTest label
# "fuzz".
set(RECOUNT_SRC_ROOT ${CMAKE_SOURCE_DIR}/src)

function(recount_part NAME)
  cmake_parse_arguments(P "" "" "DEPS;PRIVATE_LIBS;PUBLIC_LIBS;TEST_LIBS;TEST_PROPERTIES" ${ARGN})
  file(GLOB_RECURSE all_cc CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  set(lib_cc "")
  set(test_cc "")
  set(fuzz_cc "")
  foreach(f ${all_cc})
    if(f MATCHES "_test\\.cc$")
      list(APPEND test_cc ${f})
    elseif(f MATCHES "_fuzz\\.cc$")
      list(APPEND fuzz_cc ${f})
    else()
      list(APPEND lib_cc ${f})
    endif()
  endforeach()
  set(target recount_${NAME})
  if(lib_cc)
    set(vis PUBLIC)
    add_library(${target} STATIC ${lib_cc})
  else()
    # A part that has only headers so far.
    set(vis INTERFACE)
    add_library(${target} INTERFACE)
  endif()
  target_include_directories(${target} ${vis} ${RECOUNT_SRC_ROOT})
  foreach(d ${P_DEPS})
    target_link_libraries(${target} ${vis} recount_${d})
  endforeach()
  if(P_PUBLIC_LIBS)
    target_link_libraries(${target} ${vis} ${P_PUBLIC_LIBS})
  endif()
  if(P_PRIVATE_LIBS AND lib_cc)
    target_link_libraries(${target} PRIVATE ${P_PRIVATE_LIBS})
  endif()

  if(RECOUNT_TESTS AND RECOUNT_UNIT_TESTS AND test_cc)
    add_executable(${target}_test ${test_cc})
    target_link_libraries(${target}_test PRIVATE ${target} ${P_PRIVATE_LIBS} ${P_TEST_LIBS}
                          GTest::gtest GTest::gmock GTest::gtest_main)
    gtest_discover_tests(${target}_test DISCOVERY_TIMEOUT 60
                         PROPERTIES ENVIRONMENT "RECOUNT_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
                                    ${P_TEST_PROPERTIES})
  endif()

  if(RECOUNT_FUZZ)
    foreach(f ${fuzz_cc})
      get_filename_component(fname ${f} NAME_WE)
      add_executable(${fname} ${f})
      add_dependencies(fuzzers ${fname})
      target_link_libraries(${fname} PRIVATE ${target} ${P_PRIVATE_LIBS})
      target_link_options(${fname} PRIVATE -fsanitize=fuzzer)
      add_test(NAME fuzz_${fname}
               COMMAND ${fname} -max_total_time=5 -rss_limit_mb=2048 -timeout=5
                       -max_len=4096)
      set_tests_properties(fuzz_${fname} PROPERTIES LABELS fuzz)
    endforeach()
  endif()
endfunction()
