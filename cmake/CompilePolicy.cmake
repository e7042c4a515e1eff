# One place for compile policy: every target links rd_policy.
add_library(rd_policy INTERFACE)
target_compile_features(rd_policy INTERFACE cxx_std_20)
target_compile_definitions(rd_policy INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)
target_compile_options(rd_policy INTERFACE -Wall -Wextra -Wold-style-cast -Wpedantic)

option(ROLLOUTDESK_WERROR "Turn warnings into errors" OFF)
if(ROLLOUTDESK_WERROR)
    target_compile_options(rd_policy INTERFACE -Werror)
endif()

set(ROLLOUTDESK_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address,undefined")

# libFuzzer targets in tests/fuzz: every library gets the fuzzer's coverage hooks, and the
# sanitizers default to address,undefined so a fuzzer stops at the first report.
option(ROLLOUTDESK_FUZZ "Build the libFuzzer targets of tests/fuzz (needs clang)" OFF)
if(ROLLOUTDESK_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "ROLLOUTDESK_FUZZ needs clang (libFuzzer): configure with "
            "-DCMAKE_CXX_COMPILER=clang++ (Debian: apt-get install clang libclang-rt-14-dev)")
    endif()
    if(NOT ROLLOUTDESK_SANITIZE)
        set(ROLLOUTDESK_SANITIZE address,undefined)
    endif()
    target_compile_options(rd_policy INTERFACE -fsanitize=fuzzer-no-link)
endif()

if(ROLLOUTDESK_SANITIZE)
    target_compile_options(rd_policy INTERFACE -fsanitize=${ROLLOUTDESK_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(rd_policy INTERFACE -fsanitize=${ROLLOUTDESK_SANITIZE})
    # GCC's instrumentation makes -Wmaybe-uninitialized report variables that are set
    # (e.g. a std::optional<Error> assigned after construction): false alarms under -Werror.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(rd_policy INTERFACE -Wno-maybe-uninitialized)
    endif()
endif()
