# Project-wide compiler settings live on one INTERFACE target that every target
# links PRIVATE, so nothing leaks into the flags of consumers or third-party code.
add_library(news_project_options INTERFACE)

target_compile_options(news_project_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)

if(NEWS_WARNINGS_AS_ERRORS)
  target_compile_options(news_project_options INTERFACE -Werror)
endif()

if(NEWS_SANITIZE)
  target_compile_options(news_project_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(news_project_options INTERFACE -fsanitize=address,undefined)
endif()

if(NEWS_SANITIZE_THREAD)
  if(NEWS_SANITIZE)
    message(FATAL_ERROR "ThreadSanitizer cannot be combined with AddressSanitizer: pick NEWS_SANITIZE or NEWS_SANITIZE_THREAD")
  endif()
  target_compile_options(news_project_options INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(news_project_options INTERFACE -fsanitize=thread)
endif()

# GCC 12 at -O3 (the Release build) warns that std::string's operator+ on a
# literal and a temporary "may overlap up to 9223372036854775813 bytes"
# (-Wrestrict; GCC bug 105329, fixed in 13), which -Werror made fatal in
# formats/record_fields.cc: scripts/build and scripts/package stopped there.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(news_project_options INTERFACE -Wno-restrict)
endif()
