# cmake -DPROGRAM=<file> [-DARG1=<arg>] [-DARG2=<arg>] -DOUTPUT=<file> -P RunToFile.cmake
# Runs PROGRAM with its standard output written to OUTPUT (build steps cannot redirect
# portably, and a list passed through -D would be split into arguments of cmake itself).
set(command ${PROGRAM})
foreach(arg ARG1 ARG2)
  if(DEFINED ${arg})
    list(APPEND command ${${arg}})
  endif()
endforeach()
execute_process(COMMAND ${command} OUTPUT_FILE ${OUTPUT}.tmp RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE ${OUTPUT}.tmp)
  message(FATAL_ERROR "${command} failed: ${status}")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
