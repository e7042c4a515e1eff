#include "comparewidget.h"

#include "comparemodel.h"
#include "style/theme.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

CompareWidget::CompareWidget(QWidget *parent)
    : QWidget(parent), m_model(new CompareModel(this)), m_view(new QTableView(this)), m_summary(new QLabel(this))
{
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Compare sends the request body to every deployment of the endpoint (by the "
                          "azureml-model-deployment header) and shows the answers side by side."));
    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->setObjectName(QStringLiteral("compareTable"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this]() { updateSummary(); });
    applyPalette();
}

QString CompareWidget::summary() const
{
    return m_summary->text();
}

void CompareWidget::setBusy(const QString &text)
{
    m_summary->setText(text);
}

void CompareWidget::updateSummary()
{
    const int answers = int(m_model->answers().size());
    if (answers == 0)
        return;
    const int differing = m_model->differingCount();
    const QString baseline = m_model->answers().first().deployment;
    if (answers == 1)
        m_summary->setText(tr("Only one deployment answered: %1.").arg(baseline));
    else if (differing == 0)
        m_summary->setText(tr("All %n deployment(s) gave the same answer.", nullptr, answers));
    else
        m_summary->setText(tr("%n value(s) differ from %1's answer (highlighted, with the difference).", nullptr, differing)
                               .arg(baseline));
}

void CompareWidget::applyPalette()
{
    QColor highlight = Theme::warningColor(palette());
    highlight.setAlpha(Theme::isDark(palette()) ? 110 : 80);
    m_model->setHighlight(highlight);
}

void CompareWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}
