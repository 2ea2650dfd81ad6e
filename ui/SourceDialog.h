#pragma once
// Add / edit a named source: a name, a URL and a "Check" button that probes
// the URL on a worker thread and shows the streams found or the error.

#include "core/source/TrackSelection.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QDialogButtonBox;

namespace tapedeck {
class ProbeJob;
struct ProbeOutcome;
namespace ui {

class SecretFields;
class SourceStore;

class SourceDialog : public QDialog {
    Q_OBJECT
public:
    // editId empty = add a new source.
    SourceDialog(SourceStore &store, qint64 openTimeoutMs, QWidget *parent = nullptr);

    // url: the full address, or the saved one with "***" where a secret
    // was not kept (then the user types it into the masked fields).
    void setSource(const QString &id, const QString &name, const QString &url);
    QString sourceId() const { return m_id; }
    QString name() const;
    QString url() const;

    // The program and tracks to record (the "Tracks…" dialog).
    TrackSelection tracks() const { return m_tracks; }
    void setTracks(const TrackSelection &tracks);
    // Opens the "Tracks…" dialog for the address as typed.
    void openTracks();

    void accept() override;

private:
    void check();
    void showProbe(const ProbeOutcome &r);
    void updateButtons();
    // Moves secrets typed into the address into the masked fields.
    void maskAddress();
    void browseFile();
    void fillDevices();

    SourceStore &m_store;
    qint64 m_openTimeoutMs;
    QString m_id;
    QLineEdit *m_name;
    QLineEdit *m_url;
    SecretFields *m_secrets;
    QPushButton *m_check;
    QPushButton *m_browse;
    QComboBox *m_devices;
    QLabel *m_result;
    QLabel *m_hint;
    QLabel *m_tracksSummary = nullptr;
    QPushButton *m_tracksButton = nullptr;
    TrackSelection m_tracks;
    QDialogButtonBox *m_buttons;
    ProbeJob *m_job = nullptr;
};

} // namespace ui
} // namespace tapedeck
