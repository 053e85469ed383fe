"""advisers, enquiry notes and audit trail; enquiry institution and assignee

Revision ID: enquiries_0002
Revises: enquiries_0001
Create Date: 2026-12-02 06:20:00.000000

Adds the adviser console's tables (``adviser``, ``enquiry_note``,
``enquiry_audit``) and two columns to ``enquiry``: ``institution_id`` (the
catalogue id of the institution the enquiry is for) and ``assigned_adviser_id``.
Existing enquiries keep their rows, with no institution and no assignee.
"""
from alembic import op
import sqlalchemy as sa


revision = 'enquiries_0002'
down_revision = 'enquiries_0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table('adviser',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=300), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('institution_id', sa.String(length=100), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('email')
    )
    op.create_index(op.f('ix_adviser_institution_id'), 'adviser', ['institution_id'], unique=False)
    with op.batch_alter_table('enquiry') as batch:
        batch.add_column(sa.Column('institution_id', sa.String(length=100), nullable=True))
        batch.add_column(sa.Column('assigned_adviser_id', sa.Integer(), nullable=True))
        batch.create_index(op.f('ix_enquiry_institution_id'), ['institution_id'], unique=False)
        batch.create_index(
            op.f('ix_enquiry_assigned_adviser_id'), ['assigned_adviser_id'], unique=False
        )
        batch.create_foreign_key(
            'fk_enquiry_assigned_adviser', 'adviser', ['assigned_adviser_id'], ['id']
        )
    op.create_table('enquiry_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enquiry_id', sa.Integer(), nullable=False),
    sa.Column('adviser_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['adviser_id'], ['adviser.id'], ),
    sa.ForeignKeyConstraint(['enquiry_id'], ['enquiry.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_enquiry_note_enquiry_id'), 'enquiry_note', ['enquiry_id'], unique=False)
    op.create_table('enquiry_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enquiry_id', sa.Integer(), nullable=False),
    sa.Column('adviser_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=False),
    sa.Column('new_value', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['adviser_id'], ['adviser.id'], ),
    sa.ForeignKeyConstraint(['enquiry_id'], ['enquiry.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_enquiry_audit_enquiry_id'), 'enquiry_audit', ['enquiry_id'], unique=False)


def downgrade() -> None:
    """Revert this revision (drops the advisers, notes and audit trail)."""
    op.drop_index(op.f('ix_enquiry_audit_enquiry_id'), table_name='enquiry_audit')
    op.drop_table('enquiry_audit')
    op.drop_index(op.f('ix_enquiry_note_enquiry_id'), table_name='enquiry_note')
    op.drop_table('enquiry_note')
    with op.batch_alter_table('enquiry') as batch:
        batch.drop_constraint('fk_enquiry_assigned_adviser', type_='foreignkey')
        batch.drop_index(op.f('ix_enquiry_assigned_adviser_id'))
        batch.drop_index(op.f('ix_enquiry_institution_id'))
        batch.drop_column('assigned_adviser_id')
        batch.drop_column('institution_id')
    op.drop_index(op.f('ix_adviser_institution_id'), table_name='adviser')
    op.drop_table('adviser')
