#include "ui/PlayerDialog.h"

#include "core/app/Library.h"
#include "ui/ActiveRecordingsView.h"

#include <QAudioOutput>
#include <QCloseEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMediaPlayer>
#include <QPushButton>
#include <QSlider>
#include <QUrl>
#include <QVBoxLayout>
#include <QVideoWidget>

namespace tapedeck {
namespace ui {

PlayerDialog::PlayerDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("playerDialog"));
    resize(720, 480);
    m_pool.setMaxThreadCount(1);
    m_player = new QMediaPlayer(this);
    m_audio = new QAudioOutput(this);
    m_player->setAudioOutput(m_audio);
    m_video = new QVideoWidget(this);
    m_video->setObjectName(QStringLiteral("videoWidget"));
    m_video->setMinimumSize(320, 180);
    // Keys reach the dialog also while the picture fills the screen.
    m_video->installEventFilter(this);
    m_player->setVideoOutput(m_video);

    m_playPause = new QPushButton(tr("Pause"), this);
    m_playPause->setObjectName(QStringLiteral("playPauseButton"));
    m_position = new QSlider(Qt::Horizontal, this);
    m_position->setObjectName(QStringLiteral("positionSlider"));
    m_position->setToolTip(tr("Left and Right arrows jump 5 seconds"));
    m_volume = new QSlider(Qt::Horizontal, this);
    m_volume->setObjectName(QStringLiteral("volumeSlider"));
    m_volume->setRange(0, 100);
    m_volume->setValue(80);
    m_volume->setMaximumWidth(120);
    m_volume->setToolTip(tr("Volume (Up and Down arrows)"));
    m_audio->setVolume(0.8f);
    m_fullScreen = new QPushButton(tr("Full screen"), this);
    m_fullScreen->setObjectName(QStringLiteral("fullScreenButton"));
    m_fullScreen->setToolTip(tr("F or double-click; Esc leaves full screen"));
    m_time = new QLabel(this);
    m_time->setObjectName(QStringLiteral("playerTime"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("playerError"));
    m_error->setWordWrap(true);
    m_error->hide();
    for (QWidget *w : {static_cast<QWidget *>(m_playPause), static_cast<QWidget *>(m_fullScreen),
                       static_cast<QWidget *>(m_position), static_cast<QWidget *>(m_volume)})
        w->setFocusPolicy(Qt::NoFocus); // arrows and Space belong to the player, not to a slider

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_playPause);
    controls->addWidget(m_position, 1);
    controls->addWidget(m_time);
    controls->addWidget(new QLabel(tr("Volume:"), this));
    controls->addWidget(m_volume);
    controls->addWidget(m_fullScreen);
    auto *lay = new QVBoxLayout(this);
    lay->addWidget(m_video, 1);
    lay->addWidget(m_error);
    lay->addLayout(controls);
    setFocusPolicy(Qt::StrongFocus);

    connect(m_playPause, &QPushButton::clicked, this, [this] {
        if (m_player->playbackState() == QMediaPlayer::PlayingState)
            m_player->pause();
        else
            m_player->play();
    });
    connect(m_fullScreen, &QPushButton::clicked, this, [this] { setFullScreenVideo(true); });
    connect(m_volume, &QSlider::valueChanged, this, [this](int v) { m_audio->setVolume(float(v) / 100.0f); });
    connect(m_player, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState s) {
        m_playPause->setText(s == QMediaPlayer::PlayingState ? tr("Pause") : tr("Play"));
    });
    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 d) {
        if (m_probedMs < 0)
            m_position->setRange(0, int(d));
        updateTime();
    });
    connect(m_player, &QMediaPlayer::positionChanged, this, [this](qint64 p) {
        if (!m_position->isSliderDown())
            m_position->setValue(int(p));
        updateTime();
    });
    connect(m_position, &QSlider::sliderMoved, m_player, &QMediaPlayer::setPosition);
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString &text) {
        m_error->setText(tr("This file cannot be played: %1").arg(text));
        m_error->show();
    });
}

PlayerDialog::~PlayerDialog()
{
    m_closing = true;
    m_pool.waitForDone();
}

qint64 PlayerDialog::shownDurationMs() const { return m_probedMs >= 0 ? m_probedMs : m_player->duration(); }

void PlayerDialog::updateTime()
{
    m_time->setText(
        QStringLiteral("%1 / %2").arg(formatDuration(m_player->position()), formatDuration(shownDurationMs())));
}

void PlayerDialog::play(const QString &path)
{
    setWindowTitle(tr("Playing %1").arg(QFileInfo(path).fileName()));
    m_error->hide();
    m_path = path;
    m_probedMs = -1;
    const int generation = ++m_generation;
    // The length as libavformat measures it, off the GUI thread.
    m_pool.start([this, path, generation] {
        if (m_closing)
            return;
        const FileProbe p = probeRecordingFile(path);
        QMetaObject::invokeMethod(
            this,
            [this, generation, ms = p.ok ? p.durationMs : qint64(-1)] {
                if (generation != m_generation || ms < 0)
                    return;
                m_probedMs = ms;
                m_position->setRange(0, int(ms));
                updateTime();
                emit durationKnown(ms);
            },
            Qt::QueuedConnection);
    });
    m_player->setSource(QUrl::fromLocalFile(path));
    m_player->play();
    setFocus();
}

void PlayerDialog::seekBy(qint64 deltaMs)
{
    const qint64 end = shownDurationMs() > 0 ? shownDurationMs() : m_player->duration();
    m_player->setPosition(std::clamp<qint64>(m_player->position() + deltaMs, 0, std::max<qint64>(0, end)));
}

void PlayerDialog::setFullScreenVideo(bool on)
{
    m_video->setFullScreen(on);
    if (!on)
        activateWindow();
}

bool PlayerDialog::handleKey(QKeyEvent *e)
{
    switch (e->key()) {
    case Qt::Key_Space:
        m_playPause->click();
        return true;
    case Qt::Key_Left:
        seekBy(-kSeekStepMs);
        return true;
    case Qt::Key_Right:
        seekBy(kSeekStepMs);
        return true;
    case Qt::Key_Up:
        m_volume->setValue(m_volume->value() + 10);
        return true;
    case Qt::Key_Down:
        m_volume->setValue(m_volume->value() - 10);
        return true;
    case Qt::Key_F:
        setFullScreenVideo(!m_video->isFullScreen());
        return true;
    case Qt::Key_Escape:
        if (m_video->isFullScreen()) {
            setFullScreenVideo(false);
            return true;
        }
        return false;
    default:
        return false;
    }
}

void PlayerDialog::keyPressEvent(QKeyEvent *e)
{
    if (!handleKey(e))
        QDialog::keyPressEvent(e);
}

bool PlayerDialog::eventFilter(QObject *watched, QEvent *e)
{
    if (watched == m_video) {
        if (e->type() == QEvent::KeyPress && handleKey(static_cast<QKeyEvent *>(e)))
            return true;
        if (e->type() == QEvent::MouseButtonDblClick) {
            setFullScreenVideo(!m_video->isFullScreen());
            return true;
        }
    }
    return QDialog::eventFilter(watched, e);
}

void PlayerDialog::closeEvent(QCloseEvent *e)
{
    setFullScreenVideo(false);
    m_player->stop();
    QDialog::closeEvent(e);
}

} // namespace ui
} // namespace tapedeck
