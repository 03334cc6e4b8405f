'use strict';
// tsc emits only JavaScript; the node and credential icons are copied beside it.
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { encoding: false }).pipe(
		dest((file) => path.join('dist', path.relative(file.cwd, file.base))),
	),
);
