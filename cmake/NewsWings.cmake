# news_wing_rules(): applies common/CMakeLists.txt's table of wings.
#
# Every wing's headers are included by their path under common/
# ("store/schema.h"), so the include path alone would let any wing reach any
# other.  Each wing therefore also gets, searched before common/, a folder of
# guard headers (in the build tree) with one stand-in for every header of the
# wings it may not use, and for xapian.h when it may not use Xapian.  A
# stand-in holds only an #error naming the rule, so a wrong include fails the
# build where it is written, with the reason, not at link time or in review.
#
# With NEWS_CHECK_WING_HEADERS each header is also compiled on its own inside
# its wing, so a header no source of its wing includes is held to the same
# rules (and shown to compile by itself).
# The sanitizer and fuzzing builds compile the same headers again: the
# normal build's check is enough, and CI builds all four.
set(news_check_headers_default ON)
if(NEWS_SANITIZE OR NEWS_SANITIZE_THREAD OR NEWS_FUZZ)
  set(news_check_headers_default OFF)
endif()
option(NEWS_CHECK_WING_HEADERS "Compile every header of common/ alone, under its wing's rules" ${news_check_headers_default})

function(news_wing_rules)
  set(common_dir ${PROJECT_SOURCE_DIR}/common)
  set(guard_root ${PROJECT_BINARY_DIR}/wing_guards)
  file(REMOVE_RECURSE ${guard_root})
  foreach(wing IN LISTS NEWS_WINGS)
    file(GLOB headers_of_${wing} CONFIGURE_DEPENDS RELATIVE ${common_dir}/${wing} ${common_dir}/${wing}/*.h)
  endforeach()

  foreach(wing IN LISTS NEWS_WINGS)
    set(target news_${wing})
    set(uses ${NEWS_WING_USES_${wing}})
    foreach(used IN LISTS uses)
      if(NOT used IN_LIST NEWS_WINGS)
        message(FATAL_ERROR "common/CMakeLists.txt: wing ${wing} uses '${used}', which is not a wing")
      endif()
      # What a used wing's headers include comes along with them.
      foreach(indirect IN LISTS NEWS_WING_USES_${used})
        if(NOT indirect IN_LIST uses)
          message(FATAL_ERROR "common/CMakeLists.txt: wing ${wing} uses ${used}, which uses ${indirect}; "
                              "list ${indirect} among the wings ${wing} uses")
        endif()
      endforeach()
    endforeach()

    if(uses)
      string(REPLACE ";" ", " uses_text "${uses}")
      set(uses_text "uses only ${uses_text}")
    else()
      set(uses_text "uses no other wing")
    endif()
    set(rule "(common/CMakeLists.txt; docs/architecture.md, Wings)")
    set(guards ${guard_root}/${wing})
    foreach(other IN LISTS NEWS_WINGS)
      if(other STREQUAL wing OR other IN_LIST uses)
        continue()
      endif()
      foreach(header IN LISTS headers_of_${other})
        file(WRITE ${guards}/${other}/${header}
          "#error \"common/${wing} may not include ${other}/${header}: ${wing} ${uses_text} ${rule}\"\n")
      endforeach()
    endforeach()
    if(wing IN_LIST NEWS_WINGS_USING_XAPIAN)
      target_link_libraries(${target} PUBLIC news_xapian)
    else()
      file(WRITE ${guards}/xapian.h
        "#error \"common/${wing} may not use Xapian: a Xapian type or a header that includes xapian.h does not belong in ${wing} ${rule}\"\n")
    endif()
    file(MAKE_DIRECTORY ${guards})

    target_include_directories(${target} BEFORE PRIVATE ${guards})
    target_include_directories(${target} PUBLIC ${common_dir})
    foreach(used IN LISTS uses)
      target_link_libraries(${target} PUBLIC news_${used})
    endforeach()
    target_link_libraries(${target} PRIVATE news_project_options)

    if(NEWS_CHECK_WING_HEADERS)
      foreach(header IN LISTS headers_of_${wing})
        set(check ${PROJECT_BINARY_DIR}/wing_header_checks/${wing}/${header}.cc)
        file(CONFIGURE OUTPUT ${check} CONTENT "#include \"${wing}/${header}\"\n")
        target_sources(${target} PRIVATE ${check})
      endforeach()
    endif()
  endforeach()
endfunction()
