# Warnings are errors for the project's own code only; third-party headers are
# included as system headers and so stay quiet.
function(pptpkit_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Werror
    -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Wimplicit-fallthrough)
endfunction()
