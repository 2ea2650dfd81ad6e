#include "ui/LayoutUtil.h"
#include "ui/SecretPromptDialog.h"

#include "ui/SecretFields.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tapedeck {
namespace ui {

SecretPromptDialog::SecretPromptDialog(const QString &sourceName, const QString &address, bool persistent,
                                       QWidget *parent)
    : QDialog(parent), m_address(address)
{
    setObjectName(QStringLiteral("secretPromptDialog"));
    setWindowTitle(tr("Password needed"));
    setMinimumWidth(420);

    auto *text = new QLabel(tr("To record \"%1\", type the password or stream key of its address again. "
                               "It was not kept because no keychain was available.")
                                .arg(sourceName.toHtmlEscaped()),
                            this);
    text->setWordWrap(true);
    auto *where = new QLabel(address, this);
    where->setObjectName(QStringLiteral("secretPromptAddress"));
    where->setWordWrap(true);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fields = new SecretFields(this);
    m_fields->setAddress(address);
    auto *hint = new QLabel(persistent ? tr("It will be kept in the system keychain.")
                                       : tr("It will be kept in memory until Tapedeck quits."),
                            this);
    hint->setWordWrap(true);
    hint->setEnabled(false);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("secretPromptButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Record"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto update = [this] { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_fields->complete()); };
    connect(m_fields, &SecretFields::edited, this, update);
    update();

    auto *lay = new QVBoxLayout(this);
    lay->addWidget(text);
    lay->addWidget(where);
    lay->addWidget(m_fields);
    lay->addWidget(hint);
    lay->addStretch(1);
    lay->addWidget(m_buttons);
    if (m_fields->edit(0))
        m_fields->edit(0)->setFocus();
    holdWrappedText(this);
}

QString SecretPromptDialog::fullUrl() const { return fillSecrets(m_address, m_fields->values()); }

} // namespace ui
} // namespace tapedeck
