/** nginx's value syntaxes (times, sizes, offsets, flags) as pure parsing functions that leave the error wording to the directive. */
package dev.ferry.conf.value;
