/**
 * What the engine reads from fixture modules. Test authors never need these types; they keep
 * the user-facing DSL in {@link dev.loopharness.api} free of engine concerns.
 */
package dev.loopharness.api.spi;
