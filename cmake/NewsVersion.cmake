# What --version prints besides the tool's name (common/cli/cli_support.cc):
# PROJECT_VERSION, set once in the root CMakeLists.txt, and, in a build from a
# git checkout, `git describe --always --dirty` at configure time.  A source
# tree without git (a tarball) or a machine without git gets the version
# alone.  A commit or a checkout re-runs the configure step (its reflog is a
# configure dependency), so the commit shown follows HEAD; a tree dirtied
# since the last configure shows as it was then.
set(NEWS_GIT_DESCRIBE "")
find_package(Git QUIET)
# Only this project's own checkout: a tarball unpacked inside another
# repository would otherwise be described as that repository's commit.
if(GIT_FOUND AND EXISTS ${PROJECT_SOURCE_DIR}/.git)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --dirty
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    OUTPUT_VARIABLE news_git_describe OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE news_git_status ERROR_QUIET)
  if(news_git_status EQUAL 0)
    set(NEWS_GIT_DESCRIBE ${news_git_describe})
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --absolute-git-dir
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
      OUTPUT_VARIABLE news_git_dir OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(news_git_dir AND EXISTS ${news_git_dir}/logs/HEAD)
      set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${news_git_dir}/logs/HEAD)
    endif()
  endif()
endif()
# Rewritten only when its text changes, so only cli_support.cc recompiles.
configure_file(${CMAKE_CURRENT_LIST_DIR}/build_info.h.in ${PROJECT_BINARY_DIR}/generated/cli/build_info.h @ONLY)
