#include "core/app/Autostart.h"

#include "core/io/File.h"
#include "core/io/Paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace tapedeck {

QString autostartEntryPath()
{
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty() || !QDir::isAbsolutePath(config))
        config = QDir::homePath() + QStringLiteral("/.config");
    return config + QStringLiteral("/autostart/") + QLatin1String(kAutostartFileName);
}

QByteArray autostartEntry(const QString &executable)
{
    // Exec quoting (Desktop Entry spec): the path in double quotes, with
    // ", ` and $ escaped by a backslash; a backslash itself takes four,
    // since the string unescaping (\\ -> \) comes before the quoting rule.
    QString quoted = executable;
    quoted.replace(u'\\', QStringLiteral("\\\\\\\\"));
    for (const QChar c : {u'"', u'`', u'$'})
        quoted.replace(c, QStringLiteral("\\") + c);
    const QString text = QStringLiteral("[Desktop Entry]\n"
                                        "Type=Application\n"
                                        "Name=Tapedeck\n"
                                        "Comment=Record live streams (started at login)\n"
                                        "Exec=\"%1\"\n"
                                        "Icon=io.github.tapedeck.Tapedeck\n"
                                        "Terminal=false\n"
                                        "X-GNOME-Autostart-enabled=true\n")
                             .arg(quoted);
    return text.toUtf8();
}

bool autostartEnabled() { return QFileInfo::exists(autostartEntryPath()); }

Status setAutostart(bool enabled, const QString &executable)
{
    const QString path = autostartEntryPath();
    if (!enabled) {
        if (QFileInfo::exists(path) && !QFile::remove(path))
            return makeError(ErrorCode::Io, QStringLiteral("%1 could not be removed").arg(path));
        return {};
    }
    if (Status made = makeDirectories(QFileInfo(path).absolutePath()); !made)
        return made;
    return writeFileAtomically(path, autostartEntry(executable));
}

} // namespace tapedeck
