#pragma once
// Plays a finished recording through Qt Multimedia: play/pause, a position
// slider, volume, full screen, and keys (Space, Left/Right 5 s, Up/Down
// volume, F full screen, Esc leaves it). The length shown is the one the
// library and the recovery wizard show (libavformat's, core/app/Library.h),
// not the player backend's own estimate, which differs for MPEG-TS.

#include <QDialog>
#include <QThreadPool>

#include <atomic>

class QAudioOutput;
class QLabel;
class QMediaPlayer;
class QPushButton;
class QSlider;
class QVideoWidget;

namespace tapedeck {
namespace ui {

class PlayerDialog : public QDialog {
    Q_OBJECT
public:
    explicit PlayerDialog(QWidget *parent = nullptr);
    ~PlayerDialog() override;
    void play(const QString &path);
    QMediaPlayer *player() const { return m_player; }
    QAudioOutput *audio() const { return m_audio; }
    QVideoWidget *video() const { return m_video; }
    // The length shown, in ms (-1 until known).
    qint64 shownDurationMs() const;
    void setFullScreenVideo(bool on);

    static constexpr qint64 kSeekStepMs = 5000;

signals:
    void durationKnown(qint64 ms);

protected:
    void closeEvent(QCloseEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;
    bool eventFilter(QObject *watched, QEvent *e) override;

private:
    bool handleKey(QKeyEvent *e);
    void seekBy(qint64 deltaMs);
    void updateTime();

    QMediaPlayer *m_player;
    QAudioOutput *m_audio;
    QVideoWidget *m_video;
    QPushButton *m_playPause;
    QPushButton *m_fullScreen;
    QSlider *m_position;
    QSlider *m_volume;
    QLabel *m_time;
    QLabel *m_error;
    QString m_path;
    qint64 m_probedMs = -1;
    int m_generation = 0; // which play() a probe answers
    std::atomic_bool m_closing{false};
    QThreadPool m_pool;
};

} // namespace ui
} // namespace tapedeck
