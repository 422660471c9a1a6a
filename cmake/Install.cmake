# What `cmake --install` puts where, and the Debian package `cpack -G DEB` makes of it: the
# binary, the man page (gzipped, as Debian policy asks), bash/zsh/fish completions (printed by
# the built binary, so they follow its options) and the licence as the package's copyright.
include(GNUInstallDirs)
install(TARGETS huntq RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(HUNTQ_EXTRAS_DIR ${CMAKE_CURRENT_BINARY_DIR}/install-extras)
find_program(HUNTQ_GZIP gzip REQUIRED)
add_custom_command(
  OUTPUT ${HUNTQ_EXTRAS_DIR}/huntq.1.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${HUNTQ_EXTRAS_DIR}
  COMMAND ${CMAKE_COMMAND} -DPROGRAM=${HUNTQ_GZIP} -DARG1=-9nc
          -DARG2=${CMAKE_CURRENT_SOURCE_DIR}/man/huntq.1 -DOUTPUT=${HUNTQ_EXTRAS_DIR}/huntq.1.gz
          -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/RunToFile.cmake
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/man/huntq.1
  COMMENT "Compressing the man page huntq.1"
  VERBATIM)
set(completion_files ${HUNTQ_EXTRAS_DIR}/huntq.1.gz)
foreach(shell bash zsh fish)
  add_custom_command(
    OUTPUT ${HUNTQ_EXTRAS_DIR}/huntq.${shell}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${HUNTQ_EXTRAS_DIR}
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:huntq> -DARG1=completion -DARG2=${shell}
            -DOUTPUT=${HUNTQ_EXTRAS_DIR}/huntq.${shell}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/RunToFile.cmake
    DEPENDS huntq
    COMMENT "Writing the ${shell} completion script"
    VERBATIM)
  list(APPEND completion_files ${HUNTQ_EXTRAS_DIR}/huntq.${shell})
endforeach()
add_custom_target(huntq_install_extras ALL DEPENDS ${completion_files})

install(FILES ${HUNTQ_EXTRAS_DIR}/huntq.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${HUNTQ_EXTRAS_DIR}/huntq.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME huntq)
install(FILES ${HUNTQ_EXTRAS_DIR}/huntq.zsh DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
        RENAME _huntq)
install(FILES ${HUNTQ_EXTRAS_DIR}/huntq.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# `cpack -G DEB` in the build folder, after `cmake --build` (CPack builds `all` first unless
# CMAKE_SKIP_INSTALL_ALL_DEPENDENCY is on). Packagers building for other machines set HUNTQ_MARCH
# to a baseline (e.g. x86-64-v2): the default, native, tunes for the building machine only.
set(HUNTQ_PACKAGE_MAINTAINER "The huntq authors <huntq@localhost>"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_PACKAGE_NAME huntq)
set(CPACK_PACKAGE_VENDOR "The huntq authors")
set(CPACK_PACKAGE_CONTACT ${HUNTQ_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "run Microsoft Defender hunting queries (KQL) over exports, offline")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
       "huntq runs threat-hunting queries written in KQL over the files Microsoft Defender "
       "advanced hunting exports (portal CSV, API and Graph JSON, streaming API records, gzipped "
       "or not), on the analyst's machine, with exclusion rules for known false positives.")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_CURRENT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
find_program(HUNTQ_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(HUNTQ_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: from the libraries the binary links
else()
  # The shared libraries huntq links on Debian 12 (simdjson, fmt, RE2, ISA-L, utf8proc, libfyaml).
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "libc6 (>= 2.34), libstdc++6 (>= 12), libgcc-s1 (>= 3.0), libsimdjson14, libfmt9, libre2-9, zlib1g, libisal2, libutf8proc2, libfyaml0")
endif()
include(CPack)
