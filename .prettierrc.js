/** Formatting as the code is written: tabs, single quotes, trailing commas, 120 columns. */
module.exports = {
	useTabs: true,
	tabWidth: 2,
	singleQuote: true,
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	arrowParens: 'always',
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 120,
};
