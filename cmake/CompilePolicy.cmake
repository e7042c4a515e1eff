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
if(ROLLOUTDESK_SANITIZE)
    target_compile_options(rd_policy INTERFACE -fsanitize=${ROLLOUTDESK_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(rd_policy INTERFACE -fsanitize=${ROLLOUTDESK_SANITIZE})
endif()
