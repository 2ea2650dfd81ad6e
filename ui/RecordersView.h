#pragma once
// The "Recorders" tab: the remote recorders (tapedeck-cli serve) this studio
// drives, whether each is reachable, and the selected one's finished files
// and orphans (with "Recover", which the recorder does itself). Thin: the
// clients and their state live in RemoteRecorders.

#include <QDialog>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace tapedeck::ui {

class RemoteRecorders;

class RecordersView : public QWidget {
    Q_OBJECT
public:
    explicit RecordersView(RemoteRecorders &recorders, QWidget *parent = nullptr);

    QString selectedId() const;
    void select(const QString &id);
    // Lists the selected recorder's files and orphans again.
    void refreshSelected();

    // The name of the selected recorder's source that is selected (empty: none).
    QString selectedSourceName() const;

signals:
    void addRequested();
    // Record the recorder's own named source (only its name is sent).
    // whenLive: armed there, a new file each time the stream goes live.
    void recordSourceRequested(const QString &recorderId, const QString &sourceName, bool whenLive);

private:
    void reload();
    void listSources();

    RemoteRecorders &m_recorders;
    QListWidget *m_list;
    QPushButton *m_remove;
    QPushButton *m_refresh;
    QListWidget *m_files;
    QListWidget *m_sources;
    QPushButton *m_recordSource;
    QPushButton *m_recordSourceWhenLive;
    QLabel *m_orphans;
    QPushButton *m_recover;
};

// Name, address and token of a recorder to add (or the token alone, for one
// whose token the keychain did not keep).
class RecorderDialog : public QDialog {
    Q_OBJECT
public:
    explicit RecorderDialog(QWidget *parent = nullptr);
    // Only the token can be typed: the recorder exists already.
    void askTokenOnly(const QString &name, const QString &address);
    QString name() const;
    QString address() const;
    QByteArray token() const;
    void showError(const QString &text);

private:
    QLineEdit *m_name;
    QLineEdit *m_address;
    QLineEdit *m_token;
    QLabel *m_error;
};

} // namespace tapedeck::ui
