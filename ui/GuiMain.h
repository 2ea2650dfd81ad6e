#pragma once

namespace tapedeck {
// Runs the desktop application (creates the QApplication). Returns its exit code.
int runGui(int argc, char **argv);
} // namespace tapedeck
