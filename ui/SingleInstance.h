#pragma once
// One desktop app per user. The first Tapedeck started holds a kernel-released
// lock (flock) in the user's runtime folder and listens on a local socket
// beside it; a later start hands its arguments — files, folders, stream URLs —
// to that one and exits, the way desktop apps behave when opened twice from a
// launcher or a file manager. Two windows would otherwise run two engines that
// scan and recover the same folders. The lock goes with its process, so after
// a crash the next start takes over at once, whatever socket file was left.

#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;

namespace tapedeck::ui {

class SingleInstance : public QObject {
    Q_OBJECT
public:
    enum class Role {
        Primary,     // this process is the desktop app; activated() brings others' arguments
        Secondary,   // another Tapedeck runs: hand it the arguments with handOff()
        Unavailable, // no runtime folder or socket: run alone (nothing to coordinate with)
    };

    // `runtimeDir` empty: the user's runtime folder (XDG_RUNTIME_DIR).
    explicit SingleInstance(const QString &runtimeDir = QString(), QObject *parent = nullptr);
    ~SingleInstance() override;

    Role claim(QString *error = nullptr);
    // Secondary only: delivers `arguments` to the running app and waits for its
    // acknowledgement (bounded). False with a reason when it does not answer.
    bool handOff(const QStringList &arguments, QString *error, int timeoutMs = 5000);

    // Makes command-line arguments meaningful to another process: relative
    // paths become absolute against `workingDir`, file:// URLs become paths,
    // stream URLs stay as they are, empty arguments and options are dropped.
    static QStringList normaliseArguments(const QStringList &arguments, const QString &workingDir);

    QString socketPath() const;

signals:
    void activated(const QStringList &arguments);

private:
    void acceptConnection();

    QString m_dir;
    int m_lockFd = -1;
    QLocalServer *m_server = nullptr;
};

} // namespace tapedeck::ui
