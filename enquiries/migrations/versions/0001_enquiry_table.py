"""enquiry table

Revision ID: enquiries_0001
Revises: 
Create Date: 2026-12-02 10:00:00.000000

Until the enquiries had migrations of their own, the catalogue's revision 0001
created this table. In a database where it did, the table and its index are
already there, possibly with enquiries in them: they are kept as they are (same
columns, same index), and running this revision only records it in
``enquiries_alembic_version``.
"""
from alembic import op
import sqlalchemy as sa


revision = 'enquiries_0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision: create what is missing, never touch existing rows."""
    if not sa.inspect(op.get_bind()).has_table('enquiry'):
        op.create_table('enquiry',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reference', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('network_slug', sa.String(length=100), nullable=False),
        sa.Column('sender_id', sa.String(length=200), nullable=False),
        sa.Column('channel', sa.String(length=50), nullable=False),
        sa.Column('learner_name', sa.String(length=200), nullable=False),
        sa.Column('email', sa.String(length=300), nullable=False),
        sa.Column('phone', sa.String(length=50), nullable=False),
        sa.Column('consent', sa.Boolean(), nullable=False),
        sa.Column('consent_text', sa.Text(), nullable=False),
        sa.Column('profile', sa.Text(), nullable=False),
        sa.Column('routes', sa.Text(), nullable=False),
        sa.Column('transcript', sa.Text(), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('reference')
        )
    indexes = {index['name'] for index in sa.inspect(op.get_bind()).get_indexes('enquiry')}
    if 'ix_enquiry_status' not in indexes:
        op.create_index(op.f('ix_enquiry_status'), 'enquiry', ['status'], unique=False)


def downgrade() -> None:
    """Revert this revision (drops the enquiries)."""
    op.drop_index(op.f('ix_enquiry_status'), table_name='enquiry')
    op.drop_table('enquiry')
