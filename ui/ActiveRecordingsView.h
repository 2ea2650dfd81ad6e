#pragma once
// Live view of the recordings: one card per recording with its state,
// figures (elapsed, size, bitrate, chunk, dropped packets) and a small
// preview decoded from the recording's own packets.

#include "core/app/DiskForecast.h"
#include "core/record/AudioMeter.h"
#include "core/record/BlackDetector.h"
#include "core/record/RecordParams.h"

#include <QHash>
#include <QPixmap>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QResizeEvent;
class QTimer;
class QVBoxLayout;

namespace tapedeck {
class Engine;
}

namespace tapedeck {
namespace ui {

class LevelMeter;

class RecordingCard : public QWidget {
    Q_OBJECT
public:
    RecordingCard(int id, const QString &title, const QString &detail, bool chunked, QWidget *parent = nullptr);
    int id() const { return m_id; }
    void setState(RecordState state, const QString &reason);
    // A line about how the recording came to be (a schedule, a late start).
    void setNote(const QString &note);
    void setStats(const RecordStats &s);
    // "Video H.264 1280×720 · Audio deu AAC · Audio eng AAC"
    void setTracks(const std::vector<RecordedTrack> &tracks);
    void setPreview(const PreviewFrame &frame);
    RecordState state() const { return m_state; }
    void setTitle(const QString &title);
    // Free space and time left where this recording writes.
    void setDisk(const DiskForecast &disk);
    // The audio meter, and a warning once it has been silent for
    // `silenceWarnMs` (0: never warn).
    void setAudio(const AudioLevels &levels, qint64 silenceWarnMs);
    // A warning once the picture has stayed black for `blackWarnMs` (0:
    // never warn), gone again when a picture returns. True when the warning
    // appeared with this call.
    bool setPicture(const PictureLevels &levels, qint64 blackWarnMs);
    QPixmap preview() const;
    void setPreviewPixmap(const QPixmap &pixmap);
    // A recording on a remote recorder: split, markers and its disk come
    // through the recorder's API (MainWindowRemote.cpp), not this computer's.
    void setRemote(bool remote);
    // Armed for good (StartMode::WheneverLive): the state says how often it
    // was recorded, and the files of the finished takes are listed.
    void setWheneverLive(bool on);
    void setTakeFiles(const QStringList &files);

    static QString stateText(RecordState s);

signals:
    void stopClicked(int id);
    void dismissClicked(int id);
    void splitClicked(int id);
    // `name` as typed (may be empty: the window names it).
    void markerClicked(int id, const QString &name);

protected:
    void resizeEvent(QResizeEvent *e) override;

private:
    const int m_id;
    const bool m_chunked;
    RecordState m_state = RecordState::Waiting;
    QLabel *m_preview;
    QLabel *m_title;
    QLabel *m_stateLabel;
    QLabel *m_error;
    QLabel *m_elapsed;
    QLabel *m_size;
    QLabel *m_bitrate;
    QLabel *m_chunk;
    QLabel *m_dropped;
    QLabel *m_file;
    QLabel *m_tracks;
    QLabel *m_disk;
    LevelMeter *m_meter;
    QLabel *m_meterLabel;
    QLabel *m_silence;
    QLabel *m_note;
    QLabel *m_black;
    QWidget *m_figures;
    qint64 m_bytes = 0;
    bool m_bitrateKnown = false; // the engine has measured a bitrate
    QPushButton *m_stop;
    QPushButton *m_dismiss;
    QPushButton *m_split;
    QLineEdit *m_markerName;
    QPushButton *m_marker;
    bool m_remote = false;
    bool m_wheneverLive = false;
    int m_takes = 0;
    QLabel *m_takeFiles;
    void updateMarkerControls();
    void updateStateLine();
};

class ActiveRecordingsView : public QWidget {
    Q_OBJECT
public:
    explicit ActiveRecordingsView(Engine &engine, QWidget *parent = nullptr);

    RecordingCard *card(int id) const { return m_cards.value(id); }
    void addRecording(int id, const QString &title, const QString &detail, bool chunked);

    void onStateChanged(int id, RecordState state, const QString &reason);
    void onPreview(int id, const PreviewFrame &frame);
    // Each live card gets the forecast of the folder it writes into.
    void setDiskForecasts(const std::vector<DiskForecast> &forecasts);
    void setSilenceWarnMs(qint64 ms) { m_silenceWarnMs = ms; }
    void setBlackWarnMs(qint64 ms) { m_blackWarnMs = ms; }
    // A successor window (language switch) keeps the last pictures.
    QHash<int, QPixmap> previews() const;
    void restorePreviews(const QHash<int, QPixmap> &previews);

signals:
    void stopRequested(int id);
    void splitRequested(int id);
    void markerRequested(int id, const QString &name);
    // A recording's picture has stayed black for the set time (once per
    // black stretch: it may come again after a picture returned).
    void pictureBlack(int id, qint64 blackMs);

private:
    void refresh();
    void dismiss(int id);
    void updateEmpty();

    Engine &m_engine;
    QVBoxLayout *m_list;
    QLabel *m_empty;
    QTimer *m_timer;
    QHash<int, RecordingCard *> m_cards;
    qint64 m_silenceWarnMs = 0;
    qint64 m_blackWarnMs = 0;
};

QString formatDuration(qint64 ms);
// "about 3 h 20 min", "about 2 days", "under a minute" (seconds >= 0).
QString formatTimeLeft(qint64 seconds);
// "12.3 GiB free, about 3 h 20 min left" (or only the free space when the
// time cannot be told yet).
QString diskText(const DiskForecast &disk);
// An engine line ("nothing is listening at … (connection refused)") as a
// sentence for people: capital first letter, a full stop at the end.
QString friendlySentence(const QString &engineLine);
// Break opportunities (zero-width spaces) after '/', '_', '-' and '.' in the
// long words of `text` (paths, addresses): a label wraps only at spaces, and
// one path in a failed card's reason made the card wider than a 640-pixel
// window.
QString breakableText(const QString &text);

} // namespace ui
} // namespace tapedeck
