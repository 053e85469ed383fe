"""insights tables: weekly aggregates, open conversations, progress

Revision ID: insights_0001
Revises:
Create Date: 2026-12-07 12:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = 'insights_0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table('insights_weekly',
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('institution', sa.String(length=200), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('measure', sa.String(length=40), nullable=False),
    sa.Column('item', sa.String(length=200), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('week_start', 'institution', 'subject', 'level', 'measure', 'item')
    )
    op.create_table('insights_conversation',
    sa.Column('first_event_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_seen', sa.Float(), nullable=False),
    sa.Column('contribution', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('first_event_id')
    )
    op.create_index(op.f('ix_insights_conversation_last_seen'), 'insights_conversation', ['last_seen'], unique=False)
    op.create_table('insights_progress',
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('last_event_id', sa.Integer(), nullable=False),
    sa.Column('refreshed_at', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('source')
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f('ix_insights_conversation_last_seen'), table_name='insights_conversation')
    op.drop_table('insights_progress')
    op.drop_table('insights_conversation')
    op.drop_table('insights_weekly')
