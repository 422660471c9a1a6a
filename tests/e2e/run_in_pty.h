// Runs the huntq binary with stderr (and optionally stdout) on a pseudo-terminal, as a user's
// terminal would be, capturing what the terminal was sent.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "run_binary.h"

namespace huntq::testing {

struct PtyResult {
  int status = -1;
  std::string terminal;  ///< everything written to the pseudo-terminal
  std::string out;       ///< stdout, when it went to a file
};

/// Runs `huntq ARGS...` from the repo root with stderr on a pseudo-terminal `columns` wide;
/// stdout goes to the terminal too when `stdout_on_terminal`, else to a file.
inline PtyResult run_huntq_in_pty(const std::vector<std::string>& args, bool stdout_on_terminal,
                                  unsigned short columns = 100) {
  PtyResult r;
  TempDir dir;
  const std::string out_path = (dir.path() / "out").string();
  winsize ws{};
  ws.ws_row = 24;
  ws.ws_col = columns;
  int master = -1, slave = -1;
  if (openpty(&master, &slave, nullptr, nullptr, &ws) != 0) return r;
  // Raw output: the bytes huntq wrote, without the terminal's \n -> \r\n.
  termios t{};
  if (tcgetattr(slave, &t) == 0) {
    t.c_oflag &= ~static_cast<tcflag_t>(OPOST);
    tcsetattr(slave, TCSANOW, &t);
  }
  std::vector<std::string> argv_s{HUNTQ_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    setsid();
    ioctl(slave, TIOCSCTTY, 0);
    const int null_fd = open("/dev/null", O_RDONLY);
    dup2(null_fd, STDIN_FILENO);
    if (stdout_on_terminal) {
      dup2(slave, STDOUT_FILENO);
    } else {
      const int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(out_fd, STDOUT_FILENO);
    }
    dup2(slave, STDERR_FILENO);
    close(master);
    if (chdir(HUNTQ_SOURCE_DIR) != 0) _exit(127);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(slave);
  char buf[4096];
  for (;;) {
    const ssize_t n = read(master, buf, sizeof buf);
    if (n > 0) {
      r.terminal.append(buf, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EIO once the child's side is closed
    }
  }
  close(master);
  int raw = 0;
  waitpid(pid, &raw, 0);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  if (!stdout_on_terminal) r.out = slurp(out_path);
  return r;
}

}  // namespace huntq::testing
