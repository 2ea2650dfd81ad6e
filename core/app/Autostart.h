#pragma once
// Start at login: an XDG autostart entry (freedesktop "Desktop Application
// Autostart Specification") the user switches on in Settings → Behaviour.
// The entry lives in $XDG_CONFIG_HOME/autostart (~/.config/autostart) under
// the app's id; it starts the binary that wrote it, minimised to the tray
// when the settings say so (SettingKey::StartMinimized is read at start).
// Nothing is written until the user asks, and switching it off removes only
// the file Tapedeck wrote.

#include "core/base/Result.h"

#include <QByteArray>
#include <QString>

namespace tapedeck {

inline constexpr const char *kAutostartFileName = "io.github.tapedeck.Tapedeck.desktop";

// $XDG_CONFIG_HOME/autostart/io.github.tapedeck.Tapedeck.desktop
QString autostartEntryPath();
// The entry's text for `executable` (quoted as the spec's Exec key wants).
QByteArray autostartEntry(const QString &executable);
bool autostartEnabled();
// Writes (atomically) or removes the entry.
Status setAutostart(bool enabled, const QString &executable);

} // namespace tapedeck
