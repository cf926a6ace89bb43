'use strict';

/**
 * Memberships (plugin site-groups) used to reference admin users by e-mail, which a user can change without a
 * password. They now reference the user's id. Strapi runs this before it syncs the schema (which drops the old
 * user_email column): the (membership, user) pairs found by e-mail are kept in a work table that the plugin's
 * bootstrap turns into the new relation and then drops (plugins/site-groups/server/src/index.ts).
 */
module.exports = {
  async up(knex) {
    if (!(await knex.schema.hasTable('site_group_memberships'))) return;
    if (!(await knex.schema.hasColumn('site_group_memberships', 'user_email'))) return;
    if (!(await knex.schema.hasTable('site_group_membership_user_migration'))) {
      await knex.schema.createTable('site_group_membership_user_migration', (t) => {
        t.integer('membership_id').notNullable();
        t.integer('user_id');
        t.string('user_email', 255);
      });
    }
    await knex.raw(`INSERT INTO site_group_membership_user_migration (membership_id, user_id, user_email)
      SELECT m.id, u.id, m.user_email FROM site_group_memberships m
      LEFT JOIN admin_users u ON LOWER(u.email) = LOWER(m.user_email)`);
  },
};
