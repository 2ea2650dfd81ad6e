#pragma once
// "Tracks…" of a source: "Detect tracks" opens the source (bounded by the
// open timeout, off the window's thread), lists its programs and their
// tracks as checkboxes, and turns what is ticked into the selection the
// engine honours (core/source/TrackSelection.h).

#include "core/app/Prober.h"
#include "core/record/RecordParams.h"
#include "core/source/TrackSelection.h"

#include <QDialog>

#include <vector>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace tapedeck {
class ProbeJob;
namespace ui {

class TrackDialog : public QDialog {
    Q_OBJECT
public:
    TrackDialog(QString spec, qint64 openTimeoutMs, TrackSelection current, QWidget *parent = nullptr);

    // What is ticked (the selection given when nothing was detected yet).
    TrackSelection selection() const;
    // Starts "Detect tracks" (as the button does).
    void detect();

    // "Every track of the main program" / "Program 2: video 0, audio eng".
    static QString summary(const TrackSelection &selection);

private:
    void showOutcome(const ProbeOutcome &outcome);
    void onItemChanged(QTreeWidgetItem *item, int column);
    void updateState();
    // The candidates of a program as the selection sees them.
    std::vector<TrackCandidate> candidatesOf(int program) const;
    int checkedProgram() const; // index into m_programs, -1: none

    QString m_spec;
    qint64 m_openTimeoutMs;
    TrackSelection m_current;
    std::vector<ProbedProgram> m_programs;
    bool m_detected = false;
    bool m_filling = false;
    QString m_found; // what the last detection found (and any warning about the saved choice)

    QLabel *m_status;
    QPushButton *m_detect;
    QPushButton *m_reset;
    QTreeWidget *m_tree;
    QDialogButtonBox *m_buttons;
    ProbeJob *m_job = nullptr;
};

// One track as a person reads it: "Video H.264 1280×720", "Audio deu AAC".
QString trackText(const RecordedTrack &track);
// The tracks of a recording, for its card: "Video H.264 1280×720 · Audio deu AAC".
QString tracksText(const std::vector<RecordedTrack> &tracks);
// "h264" -> "H.264", "aac" -> "AAC", ...
QString codecDisplayName(const QString &ffmpegName);

} // namespace ui
} // namespace tapedeck
