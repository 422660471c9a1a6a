# Turns data files into a C++ source holding them as string literals, so data (hunts, schemas)
# ships inside the binary and stays out of the C++ code.
#   huntq_embed_files(OUTPUT out.cpp NAMESPACE ns FUNCTION fn FILES a.yaml b.yaml)
# generates `std::span<const huntq::EmbeddedFile> ns::fn()` (see include/huntq/embedded_file.h).
function(huntq_embed_files)
  cmake_parse_arguments(E "" "OUTPUT;NAMESPACE;FUNCTION" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DNAMESPACE=${E_NAMESPACE}
            -DFUNCTION=${E_FUNCTION} "-DFILES=${E_FILES}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${E_FUNCTION} data"
    VERBATIM)  # without it, the ; between FILES reaches the shell and ends the command
endfunction()
